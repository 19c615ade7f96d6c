import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import { notFound } from '../../shared/errors.js';
import type { CorePorts } from './ports.js';
import { insertedId } from '../db/dialect/index.js';

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
    /** Whose record this is, for the audit trail's per-person history. */
    subjectType?: 'worker' | 'supervisor';
    /**
     * Rules across rows, checked in the writing transaction (id is null for a create); returns
     * columns that depend on the other rows (identity keys), written with the row.
     */
    prepare?: (trx: Knex.Transaction, row: Row, input: Input, id: number | null) => Promise<Row>;
  },
) {
  const { db, clock, audit } = ports;
  const subject = (id: number) =>
    spec.subjectType ? { subjectType: spec.subjectType, subjectId: id } : {};
  const byId = async (q: Q, id: number): Promise<Row> => {
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
        const row = spec.toRow(input);
        const extra = (await spec.prepare?.(trx, row, input, null)) ?? {};
        const id = insertedId(
          await trx(spec.table)
            .insert({
              ...row,
              ...extra,
              created_at: now,
              updated_at: now,
            })
            .returning('id'),
        );
        const after = spec.fromRow(await byId(trx, Number(id)));
        await audit.append(trx, {
          action: 'create',
          entity: spec.table,
          entityId: Number(id),
          ...subject(Number(id)),
          after,
        });
        return after;
      });
    },
    async update(id: number, input: Input): Promise<Out> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = spec.fromRow(await byId(trx, id));
        const row = spec.toRow(input);
        const extra = (await spec.prepare?.(trx, row, input, id)) ?? {};
        await trx(spec.table)
          .where({ id })
          .update({ ...row, ...extra, updated_at: now });
        const after = spec.fromRow(await byId(trx, id));
        await audit.append(trx, {
          action: 'update',
          entity: spec.table,
          entityId: id,
          ...subject(id),
          before,
          after,
        });
        return after;
      });
    },
  };
}
