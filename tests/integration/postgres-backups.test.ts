import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiName } from '../../shared/api/contract.js';
import { readBackupHeader, writeServerDumpFile } from '../../main/platform/backup-file.js';
import { deriveKey } from '../../main/platform/crypto.js';
import { currentSchema } from '../../main/db/dialect/server-snapshot.js';
import { dumpServer, sealSummary } from '../../main/services/backup/server-archive.js';
import { adminDb } from '../support/pg-test-server.js';
import { call, newWorker, seedPracticeWithAnHour } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * Backups and restore of a practice kept on its PostgreSQL server (issue 21, item 4): pg_dump's
 * custom-format archive inside the backup encryption, checked by pg_restore, restored in one
 * server transaction through the same admin API as a workstation's file.
 */
describe.skipIf(!process.env.HOURKEEP_PG_HOST)('backups of a practice on its server', () => {
  const clock = fakeClock('2026-11-23T10:00:00Z');
  const cores: TempCore[] = [];
  let core: TempCore;

  const open = async (options: Parameters<typeof openTempCore>[1]) => {
    const opened = await openTempCore(clock, options);
    cores.push(opened);
    return opened;
  };

  beforeEach(async () => {
    clock.set('2026-11-23T10:00:00Z');
    core = await open({ onServer: true });
    await seedPracticeWithAnHour(core);
  });
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.dispose();
  });

  const backupFolder = (c: TempCore = core) => join(c.folder, 'backups');
  const counts = async (c: TempCore = core) => ({
    workers: (await call(c, 'workers.list', {})).length,
    entries: Number((await c.db('hour_entries').count({ n: '*' }).first())?.n),
  });
  const refusal = async (c: TempCore, name: ApiName, input: unknown) => {
    const res = await c.invoke(name, input as never);
    return res.ok ? null : { code: res.error.code, fields: res.error.fields };
  };

  it('backs up with pg_dump into the backup encryption, verifies, and restores from the admin API', async () => {
    const backup = await call(core, 'backups.create', {});
    const path = join(backupFolder(), backup.fileName);
    const { header } = await readBackupHeader(path);
    expect(header).toMatchObject({
      format: 4,
      payload: 'pg-dump-custom',
      compression: 'none',
      practiceName: 'Lakeside Family Therapy',
      practiceId: core.vault.practiceId(),
    });
    // Encrypted: no table name, person's name or pg_dump's own signature is readable.
    const bytes = readFileSync(path);
    for (const plain of ['hour_entries', 'Chen', 'PGDMP'])
      expect(bytes.includes(Buffer.from(plain))).toBe(false);
    expect(await call(core, 'backups.verify', { fileName: backup.fileName })).toEqual({
      fileName: backup.fileName,
      ok: true,
    });

    clock.advance(60_000);
    await call(core, 'workers.create', newWorker('Late', 'Arrival', '2026-11-01'));
    await core.db('hour_entries').delete();
    expect(await counts()).toEqual({ workers: 2, entries: 0 });

    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    expect(preview.summary.counts).toEqual({ workers: 1, supervisors: 1, hourEntries: 1 });
    // Previewing changed nothing on the server.
    expect(await counts()).toEqual({ workers: 2, entries: 0 });

    const outcome = await call(core, 'backups.restore', {
      token: preview.token,
      password: OWNER.password,
    });
    expect(outcome.safetyBackup?.tier).toBe('safety');
    expect(await counts()).toEqual({ workers: 1, entries: 1 });
    expect((await call(core, 'auth.status', {})).phase).toBe('active');
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
    const [restored] = await call(core, 'audit.list', { action: 'restore', limit: 1 });
    expect(restored?.detail).toContain(backup.fileName);

    // The restored audit trail is append-only by privilege again, not only by trigger.
    const denied = await core.db
      .raw('TRUNCATE audit_log')
      .then(() => null)
      .catch((err: { code?: string }) => err.code);
    expect(denied).toBe('42501');

    // The safety copy is a server backup too, of the state just before the restore.
    const safety = await call(core, 'backups.previewRestore', {
      source: { fileName: outcome.safetyBackup?.fileName ?? '' },
    });
    expect(safety.summary.counts).toEqual({ workers: 2, supervisors: 1, hourEntries: 0 });
    await call(core, 'backups.cancelRestore', {});

    // The practice goes on: writes after the restore land, numbered after the restored rows.
    await call(core, 'workers.create', newWorker('After', 'Restore', '2026-11-02'));
    expect(await counts()).toEqual({ workers: 2, entries: 1 });
  });

  it('refuses a changed byte, and an archive pg_restore cannot read whole, before anything changes', async () => {
    const backup = await call(core, 'backups.create', {});
    const path = join(backupFolder(), backup.fileName);
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0x01;
    writeFileSync(join(backupFolder(), 'flipped.hkbackup'), bytes);
    const damaged = await refusal(core, 'backups.previewRestore', {
      source: { fileName: 'flipped.hkbackup' },
    });
    expect(damaged).toMatchObject({
      code: 'validation',
      fields: { file: expect.stringMatching(/damaged/) },
    });

    // Sealed with the practice's own key, so the tag checks, but what is inside is no archive.
    const { header } = await readBackupHeader(path);
    if (header.format !== 4) throw new Error('expected a server backup');
    const backupKey = deriveKey(core.vault.keys().dataKey, 'backup');
    const summary = {
      schemaVersion: header.schemaVersion,
      migrations: [],
      practiceName: null,
      counts: { workers: 0, supervisors: 0, hourEntries: 0 },
    };
    const { appVersion, schemaVersion, createdAt, tier, practiceName, wrappedKey } = header;
    const { practiceId, escrow, auditAnchor, databaseBytes, schema } = header;
    await writeServerDumpFile({
      archive: Readable.from([Buffer.from('PGDMP but not really an archive')]),
      target: join(backupFolder(), 'not-an-archive.hkbackup'),
      backupKey,
      header: {
        ...{ appVersion, schemaVersion, createdAt, tier, practiceName, wrappedKey },
        ...{ practiceId, escrow, auditAnchor, databaseBytes, schema },
        summary: sealSummary(backupKey, summary, practiceId, createdAt),
      },
      beforeRename: async () => undefined,
    });
    for (const [name, field] of [
      ['backups.verify', 'fileName'],
      ['backups.previewRestore', 'file'],
    ] as const) {
      const input =
        name === 'backups.verify'
          ? { fileName: 'not-an-archive.hkbackup' }
          : { source: { fileName: 'not-an-archive.hkbackup' } };
      expect(await refusal(core, name, input)).toMatchObject({
        code: 'validation',
        fields: { [field]: expect.stringMatching(/archive inside it is not whole/) },
      });
    }
    expect(await counts()).toEqual({ workers: 1, entries: 1 });
  });

  it('refuses, in the restore transaction, an archive whose audit trail is shorter than its header says', async () => {
    // A backup whose header anchors more rows than its archive holds: made as backups are, with
    // the snapshot's head pushed out by five rows and sealed with the practice's own key.
    const slots = core.vault.file();
    const backupKey = deriveKey(core.vault.keys().dataKey, 'backup');
    const createdAt = clock.now().toISOString();
    const fileName = 'hourkeep-short-trail.hkbackup';
    const access = core.services.backups.server();
    if (!access) throw new Error('the practice is on the server');
    mkdirSync(backupFolder(), { recursive: true });
    await dumpServer({
      db: core.db,
      access,
      auditHead: async (q) => {
        const head = await core.services.audit.head(q);
        return { ...head, count: head.count + 5, lastId: head.lastId + 5 };
      },
      write: (archive, snapshot, checked) =>
        writeServerDumpFile({
          archive,
          target: join(backupFolder(), fileName),
          backupKey,
          header: {
            appVersion: '0.0.0-test',
            schemaVersion: snapshot.summary.schemaVersion,
            createdAt,
            tier: 'manual',
            practiceName: snapshot.practiceName,
            wrappedKey: slots.recovery,
            practiceId: slots.practiceId,
            escrow: slots.escrow,
            auditAnchor: snapshot.auditAnchor,
            databaseBytes: snapshot.databaseBytes,
            schema: snapshot.schema,
            summary: sealSummary(backupKey, snapshot.summary, slots.practiceId, createdAt),
          },
          beforeRename: checked,
        }),
    });
    clock.advance(60_000);
    await call(core, 'workers.create', newWorker('Kept', 'Worker', '2026-11-01'));
    const preview = await call(core, 'backups.previewRestore', { source: { fileName } });
    const refused = await core.invoke('backups.restore', {
      token: preview.token,
      password: OWNER.password,
    });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/audit trail restored is shorter than the backup says/),
    });
    expect(await counts()).toEqual({ workers: 2, entries: 1 });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it(
    'a restore another workstation holds up fails after its wait, and changes nothing',
    { timeout: 60_000 },
    async () => {
      const backup = await call(core, 'backups.create', {});
      clock.advance(60_000);
      await call(core, 'workers.create', newWorker('Kept', 'Worker', '2026-11-01'));
      const preview = await call(core, 'backups.previewRestore', {
        source: { fileName: backup.fileName },
      });
      // Another connection reading the workers table in an open transaction.
      const other = await adminDb();
      const schema = await currentSchema(core.db);
      const holder = await other.transaction();
      try {
        await holder.raw(`LOCK TABLE "${schema}".workers IN ACCESS SHARE MODE`);
        const refused = await core.invoke('backups.restore', {
          token: preview.token,
          password: OWNER.password,
        });
        expect(!refused.ok && refused.error).toMatchObject({
          code: 'conflict',
          message: expect.stringMatching(/another workstation is using the practice's tables/),
        });
      } finally {
        await holder.rollback();
      }
      expect(await counts()).toEqual({ workers: 2, entries: 1 });
      expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
      expect((await call(core, 'auth.status', {})).phase).toBe('active');
    },
  );

  it("refuses a file practice's backup on the server, and a server's backup in a file practice or a first run", async () => {
    const onFile = await open({ onFile: true });
    await seedPracticeWithAnHour(onFile);
    const fileBackup = await call(onFile, 'backups.create', {});
    const fileBytes = readFileSync(join(backupFolder(onFile), fileBackup.fileName));
    const serverBackup = await call(core, 'backups.create', {});
    const serverBytes = readFileSync(join(backupFolder(), serverBackup.fileName));

    const upload = (name: string, bytes: Buffer) => ({
      upload: { name, base64: bytes.toString('base64') },
    });
    expect(
      await refusal(core, 'backups.previewRestore', {
        source: upload(fileBackup.fileName, fileBytes),
        recoveryCode: onFile.recoveryCode,
      }),
    ).toMatchObject({
      code: 'validation',
      fields: { file: expect.stringMatching(/workstation's file/) },
    });
    expect(
      await refusal(onFile, 'backups.previewRestore', {
        source: upload(serverBackup.fileName, serverBytes),
        recoveryCode: core.recoveryCode,
      }),
    ).toMatchObject({
      code: 'validation',
      fields: { file: expect.stringMatching(/PostgreSQL server/) },
    });

    const fresh = await open({ setUp: false, onFile: true });
    expect(
      await refusal(fresh, 'setup.previewBackup', {
        ...upload(serverBackup.fileName, serverBytes),
        recoveryCode: core.recoveryCode,
      }),
    ).toMatchObject({
      code: 'validation',
      fields: { file: expect.stringMatching(/PostgreSQL server/) },
    });
    expect(await counts()).toEqual({ workers: 1, entries: 1 });
    expect(await counts(onFile)).toEqual({ workers: 1, entries: 1 });
  });
});
