import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { copyFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError, validationError } from '../../../shared/errors.js';
import type { Clock } from '../../../shared/domain/clock.js';
import { applyRetention, goneFromBackupsBy } from '../../../shared/domain/retention.js';
import {
  BACKUP_EXTENSION,
  BackupFileError,
  backupKeyId,
  readBackupHeader,
  SERVER_ARCHIVE_ELSEWHERE,
  verifyBackupFile,
  writeBackupFile,
  writeDatabaseCopyFile,
  writeServerDumpFile,
  type BackupHeader,
  type ServerBackupHeader,
} from '../../platform/backup-file.js';
import { deriveKey, unwrapDataKey, wipe, type WrappedKey } from '../../platform/crypto.js';
import { headerDateProblem, keyIdDamaged } from '../../../shared/domain/backup-header.js';
import { probeBackupFolder } from './folder.js';
import { GZIP_IN_FLIGHT } from '../../platform/parallel-gzip.js';
import { pageSealingIn } from '../../platform/page-seal-threads.js';
import type { Settings, WorkstationSettings } from '../../../shared/domain/settings.js';
import { CIPHER_PAGE_BYTES, type Db } from '../../db/connection.js';
import type { ServerAccess } from '../../db/postgres.js';
import type { AuditLog } from '../audit.js';
import type { Vault } from '../vault.js';
import { assertIntact, copyDatabase, withSettledFile } from './snapshot.js';
import { escrowPeople, stageBackup, tempFolderOf, type StagedBackup } from './staging.js';
import { currentSchema } from '../../db/dialect/server-snapshot.js';
import { checkServerArchive, dumpServer, openSummary, sealSummary } from './server-archive.js';
import type {
  BackupItem,
  BackupList,
  BackupTier,
  RestorePreview,
} from '../../../shared/domain/backups.js';

/** gzip members compressing at once while a backup's integrity check has a core to itself. */
const GZIP_BESIDE_CHECK = Math.max(1, Math.min(GZIP_IN_FLIGHT, availableParallelism() - 1));

export interface BackupPorts {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  vault: Vault;
  settings: { get(): WorkstationSettings };
  /** Saves settings (audited by the caller's settings service). */
  updateSettings?: (patch: Partial<Settings>) => Promise<unknown>;
  dataFolder: string;
  appVersion: string;
  schemaVersion: number;
  knownMigrations: readonly string[];
  /** The practice's PostgreSQL server when it is kept there: backups are pg_dump archives. */
  server?: ServerAccess | null;
  /** The built worker-thread scripts: a restore seals its pages there (else on this thread). */
  workersFolder?: string | null;
}

interface PendingRestore extends StagedBackup {
  preview: RestorePreview;
  /** Same practice: its key file stays. Another practice's: its people's slots come with it. */
  kind: 'same' | 'adopt';
  /**
   * A practice on its server: `databaseFile` is a copy of the backup file itself (encrypted),
   * restored by pg_restore under this backup key (server-archive.ts).
   */
  serverArchive?: { header: ServerBackupHeader; backupKey: Buffer };
}

export function makeBackupService(ports: BackupPorts) {
  const { db, clock, audit, vault, settings } = ports;
  const server = ports.server ?? null;
  const updateSettings = ports.updateSettings ?? (async () => undefined);
  const pending = new Map<string, PendingRestore>();

  const folder = () => settings.get().backupFolder ?? join(ports.dataFolder, 'backups');
  const tempFolder = () => tempFolderOf(ports.dataFolder);
  const sealPages = pageSealingIn(ports.workersFolder ?? null);

  function dataKey(): Buffer {
    if (!vault.isOpen())
      throw new AppError('locked', 'The data key is not unlocked, so nothing can be backed up.');
    return vault.keys().dataKey;
  }

  const writableFolder = () => probeBackupFolder(folder());

  /** The key a backup made with `key` names in its header. */
  const idOf = (key: Buffer) => backupKeyId(deriveKey(key, 'backup'));

  /**
   * Whether a header whose key id is not `ours` is damaged rather than another key's: it
   * carries this practice's own wrapped data key, so it was made with ours (issue 15: a damaged
   * key id asked for the recovery code even when the right one was given).
   */
  async function carriesOurKey(header: BackupHeader): Promise<boolean> {
    return sameWrappedKey(header.wrappedKey, vault.file().recovery);
  }

  /** Refuses a header dated in the future or a damaged key id before any decryption. */
  async function assertUsable(header: BackupHeader, key: Buffer, field: string): Promise<void> {
    const dated = headerDateProblem(header.createdAt, clock.now());
    if (dated) throw validationError({ [field]: dated });
    if (header.keyId !== idOf(key) && (await carriesOurKey(header)))
      throw validationError({ [field]: keyIdDamaged });
  }

  function fileNameFor(createdAt: Date, tier: BackupTier): string {
    const stamp = createdAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `hourkeep-${stamp}-${tier}${BACKUP_EXTENSION}`;
  }

  /** What a backup's header says besides its format: the same for backups and safety copies. */
  type HeaderFields = Parameters<typeof writeBackupFile>[0]['header'];

  interface Writing {
    target: string;
    /** A scratch file in tmp/ for a snapshot (removed afterwards, with any -wal/-shm). */
    scratch: string;
    pageKey: Buffer;
    backupKey: Buffer;
    header: (databaseFile: string) => Promise<HeaderFields>;
    /** What every header says, whatever the database: who made it, when, and the keys. */
    common: Omit<HeaderFields, 'pageSize' | 'databaseBytes'>;
  }

  /**
   * Writes one backup file with `write`, records it in the audit trail and rotates. The file
   * takes its name only when whole (backup-file.ts), so a crash anywhere leaves the backups
   * that were there before, and at most a `.partial` and a scratch file in tmp/ that start-up
   * removes.
   */
  async function record(
    tier: BackupTier,
    write: (w: Writing) => Promise<{ bytes: number; header: BackupHeader }>,
  ): Promise<BackupItem> {
    const key = dataKey();
    const slots = vault.file();
    const dir = await writableFolder();
    const createdAt = clock.now();
    const target = join(dir, fileNameFor(createdAt, tier));
    const scratch = join(await tempFolder(), `snapshot-${randomBytes(6).toString('hex')}.db`);
    const pageKey = deriveKey(key, 'database');
    const backupKey = deriveKey(key, 'backup');
    try {
      // Taken before the snapshot: the snapshot holds at least this much of the trail.
      const auditAnchor = await audit.head(db);
      const practice = (await db('practice').first('name')) as { name: string } | undefined;
      const common = {
        appVersion: ports.appVersion,
        schemaVersion: ports.schemaVersion,
        createdAt: createdAt.toISOString(),
        tier,
        practiceName: practice?.name ?? null,
        wrappedKey: slots.recovery,
        practiceId: slots.practiceId,
        escrow: slots.escrow,
        auditAnchor,
      };
      const header = async (databaseFile: string): Promise<HeaderFields> => ({
        ...common,
        pageSize: CIPHER_PAGE_BYTES,
        databaseBytes: (await stat(databaseFile)).size,
      });
      const { bytes, header: written } = await write({
        target,
        scratch,
        pageKey,
        backupKey,
        header,
        common,
      });
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'backup',
          entity: 'backup',
          detail: `${basename(target)} (${tier}, ${bytes} bytes)`,
        }),
      );
      // Rotation's listing says what it decided: the expiry date and the rules that keep it.
      const { listing } = await rotateListing();
      const listed = listing.items.find((i) => i.fileName === basename(target));
      return listed ?? itemFor(basename(target), bytes, written, null);
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') {
        throw validationError({
          backupFolder: `The disk holding ${dir} is full; nothing was written`,
        });
      }
      throw err;
    } finally {
      for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) await rm(f, { force: true });
      wipe(pageKey, backupKey);
    }
  }

  /**
   * A backup: a snapshot of the database in tmp/ (a file copy, encrypted as the live file is:
   * snapshot.ts), whose quick_check runs on one core while its pages are decrypted in memory,
   * compressed on the other and encrypted; the file takes its name only once both passed.
   */
  async function create(tier: BackupTier): Promise<BackupItem> {
    if (server) return record(tier, (w) => dumpFromServer(server, w));
    return record(tier, async ({ target, scratch, pageKey, backupKey, header }) => {
      await copyDatabase(db, scratch, pageKey);
      let checking = true;
      const intact = assertIntact(scratch, pageKey).finally(() => {
        checking = false;
      });
      intact.catch(() => undefined); // awaited before the rename, and below
      try {
        return await writeBackupFile({
          databaseFile: scratch,
          pageKey,
          target,
          backupKey,
          header: await header(scratch),
          // The check is one thread on libuv's pool beside the gzip members: with as many
          // members as cores it got half a core and came last (on two cores the backup took
          // as long as check and compression one after the other). It keeps a core to itself.
          gzipInFlight: () => (checking ? GZIP_BESIDE_CHECK : GZIP_IN_FLIGHT),
          beforeRename: () => intact,
        });
      } finally {
        // The check may still be reading the snapshot (when the write failed first).
        await intact.catch(() => undefined);
      }
    });
  }

  /**
   * A restore's safety copy of the current database: the live file itself, encrypted as it is,
   * read while it is settled (snapshot.ts), into a format 3 backup, with no snapshot, check or
   * compression: the restore waits for it. It is what the live database was, byte for byte.
   */
  async function createSafetyCopy(): Promise<BackupItem> {
    // A server's safety copy is a backup like the others: pg_dump's snapshot is its settled copy.
    if (server) return create('safety');
    return record('safety', async ({ target, scratch, pageKey, backupKey, header }) => {
      const copy = async (databaseFile: string) =>
        writeDatabaseCopyFile({
          databaseFile,
          target,
          backupKey,
          header: await header(databaseFile),
        });
      const settled = await withSettledFile(db, pageKey, copy);
      if (settled) return settled.value;
      await copyDatabase(db, scratch, pageKey);
      return copy(scratch);
    });
  }

  /**
   * A format 4 backup of the practice on its server: pg_dump's archive of one snapshot, encrypted
   * as it streams, with the snapshot's counts and audit head in its header (server-archive.ts).
   */
  function dumpFromServer(
    access: ServerAccess,
    { target, backupKey, common }: Writing,
  ): Promise<{ bytes: number; header: BackupHeader }> {
    return dumpServer({
      db,
      access,
      auditHead: (q) => audit.head(q),
      write: (archive, snapshot, checked) =>
        writeServerDumpFile({
          archive,
          target,
          backupKey,
          header: {
            ...common,
            practiceName: snapshot.practiceName,
            auditAnchor: snapshot.auditAnchor,
            databaseBytes: snapshot.databaseBytes,
            schema: snapshot.schema,
            summary: sealSummary(backupKey, snapshot.summary, common.practiceId, common.createdAt),
          },
          beforeRename: checked,
        }),
    });
  }

  function itemFor(
    fileName: string,
    bytes: number,
    header: BackupHeader | null,
    problem: string | null,
  ): BackupItem {
    return {
      fileName,
      bytes,
      createdAt: header?.createdAt ?? null,
      tier: header?.tier ?? null,
      appVersion: header?.appVersion ?? null,
      schemaVersion: header?.schemaVersion ?? null,
      expiresOn: null,
      keptBy: [],
      problem,
    };
  }

  async function scan(): Promise<BackupItem[]> {
    const dir = folder();
    const now = clock.now();
    const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      // A file, or a folder this user may not read (set before the folder rules applied).
      throw validationError({
        backupFolder: `The backup folder ${dir} cannot be read (${err.code ?? 'error'}); choose another backup folder`,
      });
    });
    const items: BackupItem[] = [];
    for (const name of names.filter((n) => n.endsWith(BACKUP_EXTENSION) && !n.startsWith('.'))) {
      const path = join(dir, name);
      try {
        const info = await readBackupHeader(path);
        // A header dated in the future is damaged: it would never expire and would push the
        // "gone from backups by" date out with it. It is listed, and left for a person.
        items.push(
          itemFor(name, info.size, info.header, headerDateProblem(info.header.createdAt, now)),
        );
      } catch (err) {
        const message = err instanceof BackupFileError ? err.message : 'The file cannot be read.';
        // Gone since the folder was read (another rotation): not listed.
        const size = await stat(path).then(
          (s) => s.size,
          () => null,
        );
        if (size !== null) items.push(itemFor(name, size, null, message));
      }
    }
    return items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  async function list(): Promise<BackupList> {
    const policy = settings.get().retention;
    const items = await scan();
    const dated = items.filter((i) => i.problem === null && i.createdAt !== null);
    const inputs = dated.map((i) => ({ id: i.fileName, createdAt: new Date(i.createdAt ?? 0) }));
    const now = clock.now();
    const decisions = new Map(applyRetention(inputs, policy, now).map((d) => [d.id, d]));
    for (const item of items) {
      const d = decisions.get(item.fileName);
      if (!d) continue;
      item.expiresOn = d.expiresOn.toISOString();
      item.keptBy = d.keep ? d.reasons : [];
    }
    return {
      folder: folder(),
      items,
      goneFromBackupsBy: goneFromBackupsBy(inputs, policy, now).toISOString(),
      policy,
    };
  }

  /** Removes the backups the policy no longer keeps. Unreadable files are left for a person. */
  async function rotate(): Promise<{ removed: string[] }> {
    return { removed: (await rotateListing()).removed };
  }

  async function rotateListing(): Promise<{ removed: string[]; listing: BackupList }> {
    const listing = await list();
    const removed: string[] = [];
    for (const item of listing.items) {
      if (item.problem !== null || item.keptBy.length > 0) continue;
      await rm(join(listing.folder, item.fileName), { force: true });
      removed.push(item.fileName);
    }
    if (removed.length) {
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'backup_removed',
          entity: 'backup',
          detail: removed.join(', '),
        }),
      );
    }
    const kept = listing.items.filter((i) => !removed.includes(i.fileName));
    return { removed, listing: { ...listing, items: kept } };
  }

  function pathOf(fileName: string): string {
    // Only names from the listing: a renderer cannot point this at another file.
    if (basename(fileName) !== fileName || !fileName.endsWith(BACKUP_EXTENSION)) {
      throw validationError({ fileName: 'Choose a backup from the list' });
    }
    return join(folder(), fileName);
  }

  async function verify(fileName: string): Promise<{ fileName: string; ok: true }> {
    const path = pathOf(fileName);
    const key = dataKey();
    const backupKey = deriveKey(key, 'backup');
    try {
      const { header } = await readBackupHeader(path);
      await assertUsable(header, key, 'fileName');
      // A server's archive is read whole by pg_restore too, where its programs are at hand.
      if (header.format === 4 && server) await checkServerArchive(path, backupKey, server);
      else await verifyBackupFile(path, backupKey);
      return { fileName, ok: true };
    } catch (err) {
      if (err instanceof BackupFileError) throw validationError({ fileName: err.message });
      if (err instanceof AppError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        throw validationError({
          fileName: 'There is no backup of that name in the backup folder',
        });
      if (code) throw validationError({ fileName: `The file cannot be read (${code})` });
      throw err;
    } finally {
      wipe(backupKey);
    }
  }

  /**
   * Decrypts a backup into an encrypted staging database and reports what it holds. A backup
   * made under another data key (another practice, or before a change of keys) needs the
   * recovery code that was current when it was made; the staging copy is encrypted under this
   * practice's key either way.
   */
  async function prepareRestore(
    source: { path: string },
    recoveryCode?: string,
  ): Promise<RestorePreview> {
    const header = await headerOf(source.path);
    if (server && header.format !== 4)
      throw validationError({
        file: "This backup is of the practice as it was kept in a workstation's file, before it moved to its server: restore it at a workstation that keeps the practice in its file, or choose a backup made since the move.",
      });
    if (!server && header.format === 4) throw validationError({ file: SERVER_ARCHIVE_ELSEWHERE });
    const current = dataKey();
    let backupDataKey: Buffer | null = null;
    if (recoveryCode) {
      backupDataKey = await unwrapDataKey(header.wrappedKey, recoveryCode);
      // The code opens the key the header carries, so the key is right whatever the header's
      // key id says: a key id that does not match it is damage, not another practice.
      if (backupDataKey && header.keyId !== idOf(backupDataKey))
        throw validationError({ file: keyIdDamaged });
      if (!backupDataKey)
        throw validationError({ recoveryCode: 'This recovery code does not open this backup' });
    } else if (header.keyId === idOf(current)) {
      backupDataKey = Buffer.from(current);
    } else {
      await assertUsable(header, current, 'file');
      throw validationError({
        recoveryCode:
          "This backup was made under another key (another practice, or before the practice's keys were changed): enter the recovery code that was current when it was made",
      });
    }
    await assertUsable(header, backupDataKey, 'file');
    if (header.format === 4 && server) {
      const usedKey = backupDataKey;
      return prepareServerRestore(source.path, header, usedKey, server).finally(() =>
        wipe(usedKey),
      );
    }
    const staged = await stageBackup({
      path: source.path,
      header,
      dataFolder: ports.dataFolder,
      backupDataKey,
      targetDataKey: current,
      sealPages,
    }).finally(() => wipe(backupDataKey));
    try {
      refuseNewerSchema(staged.summary);
      const samePractice =
        header.format !== 1
          ? header.practiceId === vault.practiceId()
          : header.keyId === backupKeyId(deriveKey(current, 'backup'));
      const token = randomBytes(16).toString('hex');
      const preview: RestorePreview = {
        token,
        fileName: basename(source.path),
        createdAt: header.createdAt,
        appVersion: header.appVersion,
        tier: header.tier,
        summary: staged.summary,
      };
      await discardPending();
      pending.set(token, { ...staged, preview, kind: samePractice ? 'same' : 'adopt' });
      return preview;
    } catch (err) {
      await rm(staged.databaseFile, { force: true });
      throw err;
    }
  }

  /**
   * A server backup's preview: its archive read whole by pg_restore, its sealed summary, the
   * schema it restores into, and a copy of the (encrypted) file kept in tmp/ until the owner
   * confirms, for the restore to read (server-archive.ts, restoreServer).
   */
  async function prepareServerRestore(
    path: string,
    header: ServerBackupHeader,
    backupDataKey: Buffer,
    access: ServerAccess,
  ): Promise<RestorePreview> {
    const backupKey = deriveKey(backupDataKey, 'backup');
    let copy: string | null = null;
    try {
      const summary = openSummary(backupKey, header);
      refuseNewerSchema(summary);
      const schema = await currentSchema(db);
      if (schema !== header.schema)
        throw validationError({
          file: `This backup holds the schema "${header.schema}", but this practice is kept in "${schema}" on its server: restore it into a database set up as the one it came from.`,
        });
      try {
        await checkServerArchive(path, backupKey, access);
      } catch (err) {
        if (err instanceof BackupFileError)
          throw validationError({
            [err.reason === 'wrong-key' ? 'recoveryCode' : 'file']: err.message,
          });
        throw err;
      }
      const people = escrowPeople(header, backupDataKey);
      copy = join(
        await tempFolder(),
        `restore-${randomBytes(6).toString('hex')}${BACKUP_EXTENSION}`,
      );
      await copyFile(path, copy);
      const token = randomBytes(16).toString('hex');
      const preview: RestorePreview = {
        token,
        fileName: basename(path),
        createdAt: header.createdAt,
        appVersion: header.appVersion,
        tier: header.tier,
        summary,
      };
      await discardPending();
      pending.set(token, {
        databaseFile: copy,
        summary,
        people,
        legacyAuditKey: null,
        preview,
        kind: header.practiceId === vault.practiceId() ? 'same' : 'adopt',
        serverArchive: { header, backupKey },
      });
      return preview;
    } catch (err) {
      wipe(backupKey);
      if (copy) await rm(copy, { force: true });
      throw err;
    }
  }

  async function headerOf(path: string): Promise<BackupHeader> {
    try {
      return (await readBackupHeader(path)).header;
    } catch (err) {
      if (err instanceof BackupFileError) throw validationError({ file: err.message });
      const code = (err as NodeJS.ErrnoException).code;
      throw validationError({ file: `The file cannot be opened (${code ?? 'error'})` });
    }
  }

  function refuseNewerSchema(summary: RestorePreview['summary']): void {
    const unknown = summary.migrations.filter((m) => !ports.knownMigrations.includes(m));
    if (summary.schemaVersion > ports.schemaVersion || unknown.length) {
      throw validationError({
        file: `This backup was made by a newer version of Hourkeep (schema ${summary.schemaVersion}; this version knows ${ports.schemaVersion}). Update Hourkeep, then restore it.`,
      });
    }
  }

  /** Hands the pending restore over to the core, which swaps the files; one use per token. */
  function takePending(token: string): PendingRestore {
    const found = pending.get(token);
    if (!found)
      throw validationError({ token: 'This restore has expired; choose the backup again' });
    pending.delete(token);
    return found;
  }

  /** A backup file the person picked from disk, copied in so it can be previewed. */
  async function stageUpload(upload: { name: string; base64: string }): Promise<string> {
    const bytes = Buffer.from(upload.base64, 'base64');
    if (bytes.length === 0) throw validationError({ file: 'The chosen file is empty' });
    const path = join(
      await tempFolder(),
      `upload-${randomBytes(6).toString('hex')}${BACKUP_EXTENSION}`,
    );
    await writeFile(path, bytes, { flag: 'wx' });
    return path;
  }

  /** Checks a folder the owner chose, then makes it the backup folder. */
  async function setFolder(dir: string | null): Promise<void> {
    if (dir !== null) await probeBackupFolder(dir);
    await updateSettings({ backupFolder: dir });
  }

  async function removeStaged(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async function discardPending(): Promise<void> {
    for (const p of pending.values()) {
      await rm(p.databaseFile, { force: true });
      wipe(p.legacyAuditKey, p.serverArchive?.backupKey);
    }
    pending.clear();
  }

  return {
    folder,
    /** The practice's server when it is kept on one (its backups are pg_dump archives). */
    server: () => server,
    create,
    createSafetyCopy,
    list,
    rotate,
    verify,
    pathOf,
    headerOf,
    refuseNewerSchema,
    stageUpload,
    removeStaged,
    setFolder,
    prepareRestore,
    takePending,
    discardPending,
  };
}

export type BackupService = ReturnType<typeof makeBackupService>;
export type { PendingRestore };

/** The same wrapped data key: the header of one of this practice's backups carries ours. */
function sameWrappedKey(a: WrappedKey, b: WrappedKey): boolean {
  return a.salt === b.salt && a.iv === b.iv && a.tag === b.tag && a.key === b.key;
}
