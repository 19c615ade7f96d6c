import type { Knex } from 'knex';

/**
 * What a read or write runs on: the connection, or the transaction it is part of. Its own file
 * so the dialect helpers (main/db/dialect) and query.ts, which uses them, need not import each
 * other.
 */
export type Q = Knex | Knex.Transaction;
