import knexFactory, { type Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import pg from 'pg';
import type { Db } from './connection.js';

/**
 * Where a practice's PostgreSQL database is (issue 21). `host` is a name or address reached over
 * TLS, or the folder of a Unix socket on this machine (an absolute path, as libpq writes it):
 * only a socket may go without TLS, since nothing of it crosses a network.
 */
export interface PgLocation {
  host: string;
  port: number;
  database: string;
  user: string;
  /** The practice's CA certificate (PEM): the server's certificate must chain to it and name the host. */
  caFile: string | null;
}

/** What a worker thread needs to open its own connection to the practice's server. */
export interface ServerAccess {
  location: PgLocation;
  password: string;
}

export const isSocket = (location: Pick<PgLocation, 'host'>): boolean => isAbsolute(location.host);

/** Connections per workstation: a writer's transaction, reads beside it, the audit verifier. */
const POOL_MAX = 6;
/** How long a call waits for a connection before the server counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 8000;

/**
 * Values come back as the SQLite dialect returns them, so services are the same on both:
 * bigint counts and sums as numbers (Hourkeep's are far below 2^53), numeric as numbers, and
 * `date` columns as their 'YYYY-MM-DD' text, never a JavaScript Date in the local time zone.
 */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: (text) => Number(text),
  [OID.numeric]: (text) => Number(text),
  [OID.date]: (text) => text,
};
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers[oid] ??
    (pg.types.getTypeParser as (o: number, f?: string) => unknown)(
      oid,
      format,
    )) as typeof pg.types.getTypeParser,
};

/** The pg driver's connection settings for `location`: TLS with verify-full, or the socket. */
export function pgConnectionConfig(location: PgLocation, password: string): pg.ClientConfig {
  const base: pg.ClientConfig = {
    host: location.host,
    port: location.port,
    database: location.database,
    user: location.user,
    password,
    types,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'Hourkeep',
  };
  if (isSocket(location)) return base;
  if (!location.caFile)
    throw new Error('A server reached over the network needs the practice CA certificate (TLS).');
  // verify-full: the chain must end at the practice's CA and the certificate must name the host
  // (node's TLS checks the name; pg passes the host name as the server name).
  return { ...base, ssl: { ca: readFileSync(location.caFile, 'utf8'), rejectUnauthorized: true } };
}

/** knex on PostgreSQL: the same query builder, migrations and transactions as the file. */
export function openPostgres(location: PgLocation, password: string): Db {
  return knexFactory({
    client: 'pg',
    connection: pgConnectionConfig(location, password) as Knex.PgConnectionConfig,
    pool: { min: 0, max: POOL_MAX },
    acquireConnectionTimeout: CONNECT_TIMEOUT_MS,
    useNullAsDefault: true,
  });
}

/** Opens and proves the connection now (reachable, TLS, password) instead of at the first query. */
export async function openPostgresChecked(location: PgLocation, password: string): Promise<Db> {
  const db = openPostgres(location, password);
  try {
    await db.raw('SELECT 1');
    return db;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}

/** Network failures of node and pg, and PostgreSQL's connection and shutdown SQLSTATEs. */
const LOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|Timeout acquiring a connection|timeout exceeded when trying to connect|server closed the connection/i;

/**
 * Whether `err` says the server went away or cannot be reached, rather than refusing what was
 * asked: the call failed as a whole (a transaction the server did not commit is rolled back)
 * and may be made again when the server is back.
 */
export function isConnectionLost(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (LOST_CODES.has(code)) return true;
    if (e instanceof Error && LOST_MESSAGES.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const SERVER_UNREACHABLE =
  "The practice's database server cannot be reached, so nothing was changed. Check that the server is on and this workstation is on the practice's network, then try again.";
