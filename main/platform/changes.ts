import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import { DERIVED_TABLES, type Table } from '../../shared/api/tables.js';

/**
 * What an API call changed, by table (issue 17). Dispatch runs each handler inside
 * `collectChanges`; every write the database runs meanwhile (a knex `query` event: INSERT,
 * UPDATE, DELETE, REPLACE) names its table here (stores outside the database are reported from
 * the call's declaration by dispatch). Writes made outside any call (scheduled backups and
 * deletions, conversion, work a call started and left running) go to the background listener
 * instead, which main pushes to the renderer as a `changed` event.
 */
interface Collector {
  tables: Set<string>;
  /** False once the call has answered: later writes from work it started are background. */
  open: boolean;
}

const current = new AsyncLocalStorage<Collector>();

/** Background writes are sent together once they pause this long, not one event per row. */
const BACKGROUND_PAUSE_MS = 50;

/**
 * Records that `table` changed, for the call under way; false when no call is under way (the
 * caller then reports it as background work).
 */
function noteForCall(table: string): boolean {
  const collector = current.getStore();
  if (!collector?.open) return false;
  collector.tables.add(table);
  return true;
}

/** Runs one call's work and answers with the tables it changed, sorted. */
export async function collectChanges<T>(run: () => Promise<T>): Promise<{
  value: T;
  changed: Table[];
}> {
  const collector: Collector = { tables: new Set(), open: true };
  try {
    const value = await current.run(collector, run);
    return { value, changed: [...collector.tables].sort() as Table[] };
  } finally {
    collector.open = false;
  }
}

const WRITE =
  /^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+[`"[]?(\w+)/i;

/** The table a statement writes, or null for reads, pragmas and schema changes. */
export function writtenTable(sql: string): string | null {
  return WRITE.exec(sql)?.[1] ?? null;
}

/**
 * Notes the table of every write `db` runs (transactions included: knex passes their events
 * up). Writes outside any call reach `background`, batched, with derived tables left out.
 */
export function watchWrites(db: Knex, background: (tables: Table[]) => void): void {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const tables = [...pending].sort() as Table[];
    pending = new Set();
    if (tables.length) background(tables);
  };
  db.on('query', (q: { sql?: unknown }) => {
    const table = typeof q.sql === 'string' ? writtenTable(q.sql) : null;
    if (!table || (DERIVED_TABLES as readonly string[]).includes(table)) return;
    if (noteForCall(table)) return;
    pending.add(table);
    timer ??= setTimeout(flush, BACKGROUND_PAUSE_MS);
  });
}
