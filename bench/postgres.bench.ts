import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../main/core.js';
import { currentSchema } from '../main/db/dialect/server-snapshot.js';
import { pgEnvironment } from '../main/platform/pg-tools.js';
import type { ServerCheck } from '../shared/domain/database.js';
import { newEmptyServerDatabase } from '../tests/support/pg-test-server.js';
import { alternate, type Interleaved } from './stats.js';
import type { Row } from './row.js';
import {
  benchOverview,
  benchSave,
  benchWeek,
  benchWorkerProgress,
  type Compared,
} from './services.bench.js';

/** The four calls issue 21 compares on both databases, each against raw SQL on its own. */
export interface DialectFigures {
  save: Compared;
  week: Compared;
  progress: Compared;
  overview: Compared;
}

export interface PostgresFigures {
  sqlite: DialectFigures;
  postgres: DialectFigures;
  moveMs: number;
  serverVersion: string;
  /** backups.create on the server vs the same work in a shell pipeline, interleaved. */
  backup: Interleaved;
}

/**
 * A backup of the practice on its server (issue 21, item 4) against the shell doing the same
 * work: pg_dump's custom archive of the schema, read whole by pg_restore beside it, encrypted
 * (openssl's AES-256-CBC; the app's is AES-256-GCM), written to a file. The app adds its
 * snapshot's counts, the tag's read-back, the audit row and rotation.
 */
async function benchServerBackup(core: Core, runs = 10): Promise<Interleaved> {
  const access = core.services.backups.server();
  if (!access) throw new Error('the practice is not on a server');
  const schema = (await currentSchema(core.db)).replace(/"/g, '""');
  const scratch = mkdtempSync(join(tmpdir(), 'hourkeep-pg-bench-'));
  const pipeline = `pg_dump --format=custom --schema='"${schema}"' --no-owner --no-privileges | tee >(pg_restore --file=- >/dev/null) | openssl enc -aes-256-cbc -pbkdf2 -salt -pass pass:bench -out '${scratch}/x.enc'`;
  try {
    return await alternate(
      runs,
      () => core.services.backups.create('manual'),
      async () => {
        const res = spawnSync('bash', ['-c', `set -o pipefail; ${pipeline}; wait`], {
          env: pgEnvironment(access),
          encoding: 'utf8',
        });
        if (res.status !== 0) throw new Error(`${pipeline}\n${res.stderr}`);
      },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function fourCalls(core: Core, workers: number): Promise<DialectFigures> {
  // The overview first, as in the main bench: saves then drop real cache rows.
  const overview = await benchOverview(core, workers, 2, 20);
  const save = await benchSave(core, workers);
  const week = await benchWeek(core, workers);
  const progress = await benchWorkerProgress(core, workers);
  return { save, week, progress, overview };
}

/**
 * Issue 21: save, week, progress and the warm overview on the practice in its SQLCipher file,
 * then the same practice moved to PostgreSQL (Admin → Database's move) and the same calls
 * there, each against the same raw SQL on its own database.
 */
export async function benchPostgres(core: Core, workers: number): Promise<PostgresFigures> {
  const sqlite = await fourCalls(core, workers);
  const empty = await newEmptyServerDatabase();
  const server = { form: { ...empty.location, password: empty.password }, drop: empty.drop };
  try {
    const tested = await core.invoke('database.test', server.form);
    if (!tested.ok) throw new Error(`database.test: ${JSON.stringify(tested.error)}`);
    const started = performance.now();
    const moved = await core.invoke('database.move', server.form);
    if (!moved.ok) throw new Error(`database.move: ${JSON.stringify(moved.error)}`);
    const moveMs = performance.now() - started;
    const postgres = await fourCalls(core, workers);
    const backup = await benchServerBackup(core);
    return {
      sqlite,
      postgres,
      backup,
      moveMs,
      serverVersion: (tested.value as ServerCheck).serverVersion,
    };
  } finally {
    await core.close();
    await server.drop();
  }
}

const LABELS: Record<keyof DialectFigures, string> = {
  save: 'Save one hour entry: hours.add through dispatch vs raw INSERT in a transaction',
  week: "Worker's week: hours.week through dispatch vs raw SELECT of the week's rows",
  progress: "Worker's progress: progress.worker vs raw SELECT of the worker's entries",
  overview: 'Overview of all workers, warm: progress.overview vs raw SUM GROUP BY worker, category',
};

export function postgresRows(f: PostgresFigures): Row[] {
  const calls = (Object.keys(LABELS) as (keyof DialectFigures)[]).flatMap((k) =>
    (['sqlite', 'postgres'] as const).map((d) => ({
      name: `${d === 'sqlite' ? 'SQLCipher file' : `PostgreSQL ${f.serverVersion}`}: ${LABELS[k]}`,
      subject: f[d][k].subject,
      baseline: f[d][k].baseline,
      ratio: f[d][k].ratio,
      target: '—',
      met: null,
    })),
  );
  const backup: Row = {
    name: `PostgreSQL ${f.serverVersion}: backups.create (pg_dump archive, checked by pg_restore, encrypted, rotated) vs pg_dump | tee pg_restore | openssl enc`,
    subject: f.backup.subject,
    baseline: f.backup.baseline,
    ratio: f.backup.ratio,
    target: '—',
    met: null,
  };
  return [...calls, backup];
}
