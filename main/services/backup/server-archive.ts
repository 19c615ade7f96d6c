import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError, validationError } from '../../../shared/errors.js';
import type { DatabaseSummary } from '../../../shared/domain/backups.js';
import { auditGrantStatements } from '../../../migrations/postgres-dialect.js';
import type { Db } from '../../db/connection.js';
import { exportSnapshot } from '../../db/dialect/server-snapshot.js';
import type { ServerAccess } from '../../db/postgres.js';
import {
  BackupFileError,
  decryptBackupStream,
  summaryAad,
  type ServerBackupHeader,
} from '../../platform/backup-file.js';
import { seal, unseal, type Sealed } from '../../platform/crypto.js';
import { PgToolError, runPgProgram, type PgRun } from '../../platform/pg-tools.js';
import type { AuditAnchor } from '../audit.js';
import { summarizeOpen } from './snapshot.js';

/**
 * Backups and restore of a practice kept on its PostgreSQL server (issue 21, item 4), through
 * PostgreSQL's own pg_dump (custom format) and pg_restore, inside Hourkeep's backup encryption.
 *
 * A backup is one snapshot: a read-only repeatable-read transaction exports its snapshot, counts
 * what it holds and takes the audit trail's head in it, and pg_dump dumps exactly that snapshot.
 * The archive never touches the disk in the clear: it is encrypted as pg_dump streams it, while
 * pg_restore reads the same bytes whole (every data block decompressed) as its check.
 *
 * A restore is one server transaction (psql): drop this practice's objects, run the script
 * pg_restore makes of the archive, put the audit trail's privileges back, check the counts and
 * the audit trail against the backup's sealed summary and anchor, and commit only once the
 * backup's tag has checked. Anything failing part-way leaves the server as it was.
 */

/** The archive's snapshot: what the backup header says of it. */
export interface ServerSnapshot {
  schema: string;
  summary: DatabaseSummary;
  auditAnchor: AuditAnchor;
  practiceName: string | null;
  /** The database's size on the server, for the backup list. */
  databaseBytes: number;
}

/**
 * Runs pg_dump on one snapshot of the practice's schema and hands `write` its archive as it
 * streams, with `checked` (pg_dump finished and pg_restore read the archive whole), which the
 * write must await before the backup takes its name.
 */
export async function dumpServer<R>(options: {
  db: Db;
  access: ServerAccess;
  auditHead: (db: Db) => Promise<AuditAnchor>;
  write: (
    archive: NodeJS.ReadableStream,
    snapshot: ServerSnapshot,
    checked: () => Promise<void>,
  ) => Promise<R>;
}): Promise<R> {
  const { db, access } = options;
  const trx = await db.transaction();
  const runs: PgRun[] = [];
  try {
    const exported = await exportSnapshot(trx);
    const summary = await summarizeOpen(trx);
    const snapshot: ServerSnapshot = {
      schema: exported.schema,
      summary,
      auditAnchor: await options.auditHead(trx),
      practiceName: summary.practiceName,
      databaseBytes: Number(exported.bytes),
    };
    const dump = runPgProgram(
      'pg_dump',
      [
        '--format=custom',
        `--snapshot=${exported.snapshot}`,
        `--schema=${pgNamePattern(exported.schema)}`,
        '--no-owner',
        '--no-privileges',
      ],
      access,
    );
    runs.push(dump);
    const check = archiveCheck(access);
    runs.push(check.run);
    const stdout = dump.child.stdout;
    if (!stdout) throw new Error('pg_dump has no output');
    const archive = stdout.pipe(check.tee);
    stdout.on('error', (err) => archive.destroy(err));
    const checked = async () => {
      await dump.done;
      await check.run.done;
    };
    return await options.write(archive, snapshot, checked);
  } catch (err) {
    throw explained(err, 'The backup was not made');
  } finally {
    for (const run of runs) run.kill();
    // The snapshot stayed exported until pg_dump was done with it.
    await trx.rollback().catch(() => undefined);
  }
}

/**
 * pg_restore turning the archive into its SQL script and throwing that away: it reads every
 * block and decompresses every row, so an archive it finishes is whole. `tee` passes the bytes
 * on unchanged while feeding them to it.
 */
function archiveCheck(access: ServerAccess): { run: PgRun; tee: Transform } {
  const run = runPgProgram('pg_restore', ['--file=-'], access);
  run.child.stdout?.resume();
  const stdin = run.child.stdin;
  if (!stdin) throw new Error('pg_restore has no input');
  const tee = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      this.push(chunk);
      handOn(stdin, chunk, done);
    },
    flush(done: TransformCallback) {
      finishInput(stdin);
      done();
    },
  });
  return { run, tee };
}

/**
 * Writes `chunk` to a program's input, waiting while its pipe is full. A program that has
 * read all it needs may exit before the input ends: the rest is then dropped (its exit code
 * says whether it was satisfied), while the bytes keep flowing to whoever else reads them
 * (the backup's cipher, the tag check of a restore).
 */
function handOn(stdin: Writable, chunk: Buffer, done: () => void): void {
  if (stdin.destroyed || stdin.writableEnded || stdin.write(chunk)) {
    done();
    return;
  }
  const go = () => {
    stdin.off('drain', go);
    stdin.off('close', go);
    done();
  };
  stdin.once('drain', go);
  stdin.once('close', go);
}

const finishInput = (stdin: Writable) => {
  if (!stdin.destroyed && !stdin.writableEnded) stdin.end();
};

/** A sink feeding a program's input (handOn), which never stops the stream it drains. */
function programInput(stdin: Writable): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      handOn(stdin, chunk, () => done());
    },
    final(done) {
      finishInput(stdin);
      done();
    },
  });
}

/** Proves a format 4 backup whole: its tag, and pg_restore reading its archive to the end. */
export async function checkServerArchive(
  path: string,
  backupKey: Buffer,
  access: ServerAccess,
): Promise<void> {
  const { run } = archiveCheck(access);
  try {
    await decryptBackupStream(path, backupKey, async (decrypted) => {
      const stdin = run.child.stdin;
      if (!stdin) throw new Error('pg_restore has no input');
      await pipeline(decrypted, programInput(stdin));
      await run.done;
    });
  } catch (err) {
    if (err instanceof PgToolError && err.reason === 'failed')
      throw new BackupFileError(
        'damaged',
        `This backup file is damaged: the database archive inside it is not whole (${err.message}).`,
      );
    throw err;
  } finally {
    run.kill();
  }
}

const summarySchema = z.object({
  schemaVersion: z.number().int().nonnegative(),
  migrations: z.array(z.string()),
  practiceName: z.string().nullable(),
  counts: z.object({
    workers: z.number().int().nonnegative(),
    supervisors: z.number().int().nonnegative(),
    hourEntries: z.number().int().nonnegative(),
  }),
});

export const sealSummary = (
  backupKey: Buffer,
  summary: DatabaseSummary,
  practiceId: string,
  createdAt: string,
): Sealed =>
  seal(backupKey, Buffer.from(JSON.stringify(summary)), summaryAad(practiceId, createdAt));

/** The summary a format 4 header seals, or a refusal naming the file as damaged. */
export function openSummary(backupKey: Buffer, header: ServerBackupHeader): DatabaseSummary {
  const plain = unseal(backupKey, header.summary, summaryAad(header.practiceId, header.createdAt));
  const parsed = plain ? summarySchema.safeParse(JSON.parse(plain.toString('utf8'))) : null;
  if (!parsed?.success)
    throw validationError({ file: 'This backup file is damaged: its summary cannot be read.' });
  return parsed.data;
}

/** How long the restore waits for other workstations' locks on the tables it replaces. */
const LOCK_WAIT_MS = 10_000;

/**
 * Replaces the practice's schema on the server by the archive inside `path`, in one transaction
 * that commits only after the backup's tag checked and the restored tables hold what its sealed
 * summary and audit anchor say.
 */
export async function restoreServer(options: {
  path: string;
  backupKey: Buffer;
  header: ServerBackupHeader;
  summary: DatabaseSummary;
  access: ServerAccess;
  lockWaitMs?: number;
}): Promise<void> {
  const { header, summary, access } = options;
  const psql = runPgProgram(
    'psql',
    ['--no-psqlrc', '--quiet', '--no-password', '--set=ON_ERROR_STOP=1', '--file=-'],
    access,
  );
  const script = runPgProgram(
    'pg_restore',
    ['--no-owner', '--no-privileges', `--schema=${header.schema}`, '--file=-'],
    access,
  );
  const into = psql.child.stdin;
  const restored = script.child.stdout;
  if (!into || !restored) throw new Error('psql or pg_restore has no streams');
  psql.child.stdout?.resume();
  try {
    into.write(preamble(header.schema, options.lockWaitMs ?? LOCK_WAIT_MS));
    const scriptDone = pipeline(restored, into, { end: false });
    scriptDone.catch(() => undefined);
    await decryptBackupStream(options.path, options.backupKey, async (decrypted) => {
      const input = script.child.stdin;
      if (!input) throw new Error('pg_restore has no input');
      await Promise.all([pipeline(decrypted, programInput(input)), script.done, scriptDone]);
    });
    // Only now is the archive known to be the backup's, whole: check, then commit.
    into.end(trailer(header, summary));
    await psql.done;
  } catch (err) {
    throw explained(err, 'The restore changed nothing');
  } finally {
    script.kill();
    psql.kill();
  }
}

/** pg_dump's -n takes a pattern; in double quotes a name is itself, whatever its letters. */
const pgNamePattern = (name: string) => `"${name.replace(/"/g, '""')}"`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Opens the transaction and removes what the restore replaces: the schema's own objects. */
function preamble(schema: string, lockWaitMs: number): string {
  const s = literal(ident(schema));
  return `BEGIN;
SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockWaitMs))};
SET LOCAL client_min_messages = warning;
DO $hourkeep$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
    WHERE c.relnamespace = ${s}::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
  LOOP
    EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %s CASCADE'
      WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %s CASCADE'
      ELSE 'DROP TABLE IF EXISTS %s CASCADE' END, r.name);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
    WHERE c.relnamespace = ${s}::regnamespace AND c.relkind = 'S'
  LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %s CASCADE', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
    WHERE p.pronamespace = ${s}::regnamespace
  LOOP
    EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
    WHERE t.typnamespace = ${s}::regnamespace AND t.typtype IN ('e', 'd', 'c')
      AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
  LOOP
    EXECUTE format('DROP TYPE IF EXISTS %s CASCADE', r.name);
  END LOOP;
END $hourkeep$;
`;
}

/**
 * After pg_restore's script: the audit trail's privileges (recreated without them), the checks
 * that the restored tables hold what the backup says, notices for the other workstations, and
 * the commit.
 */
function trailer(header: ServerBackupHeader, summary: DatabaseSummary): string {
  const s = ident(header.schema);
  const anchor = header.auditAnchor;
  const { workers, supervisors, hourEntries } = summary.counts;
  const cut = anchor
    ? `IF coalesce((SELECT max(id) FROM ${s}.audit_log), 0) < ${anchor.count}
      OR (${anchor.lastId} > 0 AND NOT EXISTS (SELECT 1 FROM ${s}.audit_log
        WHERE id = ${anchor.lastId} AND hmac = ${literal(anchor.lastHmac)})) THEN
    RAISE EXCEPTION 'hourkeep: the audit trail restored is shorter than the backup says it held (${anchor.count} rows)';
  END IF;`
    : '';
  return `
${auditGrantStatements(`${s}.audit_log`)
  .map((statement) => `${statement};`)
  .join('\n')}
DO $hourkeep$
BEGIN
  IF (SELECT count(*) FROM ${s}.workers) <> ${workers}
    OR (SELECT count(*) FROM ${s}.supervisors) <> ${supervisors}
    OR (SELECT count(*) FROM ${s}.hour_entries) <> ${hourEntries} THEN
    RAISE EXCEPTION 'hourkeep: the restored tables do not hold what the backup says (${workers} workers, ${supervisors} supervisors, ${hourEntries} hour entries)';
  END IF;
  ${cut}
END $hourkeep$;
SELECT pg_notify('hourkeep_changed', c.relname) FROM pg_class c
  WHERE c.relnamespace = ${literal(ident(header.schema))}::regnamespace AND c.relkind = 'r';
COMMIT;
`;
}

/** A program's or the server's refusal, said to the owner with what it means. */
function explained(err: unknown, outcome: string): unknown {
  if (err instanceof AppError || err instanceof BackupFileError) return err;
  if (err instanceof PgToolError) {
    if (err.reason === 'missing') return new AppError('conflict', err.message);
    const busy = /lock timeout/i.test(err.message);
    return new AppError(
      'conflict',
      busy
        ? `${outcome}: another workstation is using the practice's tables. Try again when the others are idle.`
        : `${outcome}: ${err.message.replace(/^(psql|pg_restore|pg_dump) failed \(exit \d+\): /, '$1: ')}`,
    );
  }
  return err;
}
