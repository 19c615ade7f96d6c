import { checkpointWal } from '../db/dialect/index.js';
import type { Q } from '../db/query.js';
import { whenNoThreads } from '../platform/worker-thread.js';

/**
 * Folds the write-ahead log into the database and empties it, for writes whose old pages or
 * order must not stay on disk (an erasure, a survey answer). A worker thread's long read (a
 * person-record export, an audit verification) can keep its snapshot past the writer's 5 s
 * busy timeout; the log is then folded again as soon as no thread runs. Should that fail, the
 * practice has closed, and closing folds the log in too. Nothing to do on a server.
 */
export async function foldLog(db: Q): Promise<void> {
  if ((await checkpointWal(db)).busy === 0) return;
  void whenNoThreads()
    .then(() => checkpointWal(db))
    .catch(() => undefined);
}
