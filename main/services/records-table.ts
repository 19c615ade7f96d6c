import type { Knex } from 'knex';
import { notFound } from '../api/envelope.js';
import type { CorePorts } from './ports.js';

type Row = Record<string, unknown>;

/**
 * Create / update / list for a plain table whose API shape maps one-to-one onto columns.
 * Every write runs in a transaction and returns the row as stored.
 */
export function recordsTable<Input extends object, Out>(
  ports: CorePorts,
  spec: {
    table: string;
    label: string;
    toRow: (input: Input) => Row;
    fromRow: (row: Row) => Out;
    orderBy: readonly string[];
  },
) {
  const { db, clock } = ports;
  const byId = async (q: Knex | Knex.Transaction, id: number): Promise<Row> => {
    const row = (await q(spec.table).where({ id }).first()) as Row | undefined;
    if (!row) throw notFound(spec.label);
    return row;
  };

  return {
    async list(): Promise<Out[]> {
      let q = db(spec.table).select('*');
      for (const col of spec.orderBy) q = q.orderBy(col);
      return ((await q) as Row[]).map(spec.fromRow);
    },
    async get(id: number): Promise<Out> {
      return spec.fromRow(await byId(db, id));
    },
    async create(input: Input): Promise<Out> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const [id] = await trx(spec.table).insert({
          ...spec.toRow(input),
          created_at: now,
          updated_at: now,
        });
        return spec.fromRow(await byId(trx, Number(id)));
      });
    },
    async update(id: number, input: Input): Promise<Out> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await byId(trx, id);
        await trx(spec.table)
          .where({ id })
          .update({ ...spec.toRow(input), updated_at: now });
        return spec.fromRow(await byId(trx, id));
      });
    },
  };
}
