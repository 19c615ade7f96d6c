import pg from 'pg';
import { pgConnectionConfig, type PgLocation } from './postgres.js';

/** The channel migrations/20261212000000_postgres_change_notices.ts announces changes on. */
const CHANNEL = 'hourkeep_changed';
/** Changes arriving this close together reach the screens as one refresh. */
const BATCH_MS = 150;
/** Waits before listening again after the server went away: 1 s, doubling, at most 30 s. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export interface ChangeFeed {
  /**
   * Settles once the first LISTEN is in place (or failed: the feed keeps trying), so a
   * workstation that has just opened the practice hears every change made after that.
   */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Listens for the tables other workstations change on the practice's server (issue 21) and
 * hands their names to `onTables`, batched; its own connection, outside the query pool, so a
 * long transaction never delays a notice. After the server goes away it listens again, with
 * `onTables(null)` once back: what changed meanwhile is unknown, so everything is refreshed.
 */
export function listenForChanges(
  location: PgLocation,
  password: string,
  onTables: (tables: string[] | null) => void,
  log: (message: string, err?: unknown) => void,
): ChangeFeed {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let batch = new Set<string>();
  let batchTimer: NodeJS.Timeout | null = null;
  let lostOnce = false;
  let settleReady: () => void = () => undefined;
  const ready = new Promise<void>((ok) => (settleReady = ok));

  const flush = () => {
    batchTimer = null;
    const tables = [...batch];
    batch = new Set();
    if (tables.length) onTables(tables);
  };

  const again = () => {
    if (stopped || retryTimer) return;
    lostOnce = true;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client(pgConnectionConfig(location, password));
    next.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      batch.add(n.payload);
      batchTimer ??= setTimeout(flush, BATCH_MS);
    });
    next.on('error', (err) => {
      log('The change feed lost the database server', err);
      void next.end().catch(() => undefined);
      if (client === next) client = null;
      again();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      void next.end().catch(() => undefined);
      log('The change feed could not reach the database server', err);
      settleReady();
      again();
      return;
    }
    if (stopped) return void next.end().catch(() => undefined);
    client = next;
    settleReady();
    retryMs = RETRY_FIRST_MS;
    if (lostOnce) onTables(null);
  }

  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (batchTimer) clearTimeout(batchTimer);
      const closing = client;
      client = null;
      await closing?.end().catch(() => undefined);
    },
  };
}
