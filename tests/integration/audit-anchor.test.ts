import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANCHOR_EVERY_MS } from '../../main/core.js';
import { readBackupHeader } from '../../main/platform/backup-file.js';
import { tamperWithAudit } from '../support/audit-tamper.js';
import { onPostgres } from '../support/pg-test-server.js';
import { call, seedPractice } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * The audit trail's head is anchored outside the database (the key file, every backup's
 * header), so deleting rows from its end — or all of them — is found, not verified as intact.
 * The attacker here holds the open database: they drop the append-only triggers and delete.
 */
describe('an audit trail that cannot be shortened', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');

  /** The core's anchoring tick, held here instead of on a real one-minute interval. */
  let anchorTick: (() => void) | null = null;

  beforeEach(async () => {
    // Only the anchoring interval is faked. Every other interval stays real: the connection
    // pool's (tarn) included, which polls every 100 ms while it closes and so never closed
    // under fake intervals, hanging the PostgreSQL pass whenever a close met a validation.
    const realSetInterval = globalThis.setInterval;
    anchorTick = null;
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((
      run: () => void,
      ms?: number,
      ...rest: unknown[]
    ) => {
      if (ms !== ANCHOR_EVERY_MS) return realSetInterval(run, ms, ...rest);
      anchorTick = run;
      // Stopped by clearInterval at close, which ignores what is not a real timer.
      return { unref: () => undefined, ref: () => undefined } as unknown as NodeJS.Timeout;
    }) as typeof setInterval);
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
    await seedPractice(core);
  }, 30_000);
  afterEach(async () => {
    vi.restoreAllMocks();
    await core.dispose();
  });

  const rows = async () =>
    Number(((await core.db('audit_log').count({ n: '*' }).first()) as { n: number }).n);
  const lastId = async () =>
    Number(((await core.db('audit_log').max({ id: 'id' }).first()) as { id: number }).id);

  /** What the anchoring timer does a minute after writes, awaited. */
  async function anchoredByTheTimer(): Promise<void> {
    const want = await lastId();
    if (!anchorTick) throw new Error('The core set no anchoring interval');
    anchorTick();
    await vi.waitFor(() => expect(core.services.vault.anchor()?.lastId).toBe(want), {
      timeout: 5000,
    });
  }

  async function cutTail(n: number | 'all'): Promise<void> {
    const last = await lastId();
    await tamperWithAudit(core, async (auditLog) => {
      if (n === 'all') await auditLog().delete();
      else
        await auditLog()
          .where('id', '>', last - n)
          .delete();
    });
  }

  it('a minute after a write the head is anchored in the key file', async () => {
    await call(core, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    const n = await rows();
    await anchoredByTheTimer();
    expect(core.services.vault.anchor()).toMatchObject({ lastId: await lastId(), count: n });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true, rows: n });
  });

  it.each([1, 3])('cutting the last %i row(s) fails verification, naming how many', async (n) => {
    await anchoredByTheTimer();
    const before = await rows();
    await cutTail(n);
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toContain(`ends at row ${before - n}`);
    expect(verdict.reason).toContain(`${n} row${n === 1 ? ' is' : 's are'} missing from its end`);
    expect(verdict.firstBrokenId).toBe(before - n + 1);
  });

  it('a restore excuses an anchor older than it (the trail it replaced), never a newer one', async () => {
    const backup = await call(core, 'backups.create', {});
    clock.advance(60_000);
    await call(core, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    await call(core, 'backups.restore', { token: preview.token, password: OWNER.password });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
    // Rows written after the restore, anchored, then cut: the restore row is older than the
    // anchor, so it excuses nothing, from the checkpoint or from the start.
    clock.advance(60_000);
    await call(core, 'sites.create', { name: 'After A', address: 'x' });
    await call(core, 'sites.create', { name: 'After B', address: 'y' });
    await anchoredByTheTimer();
    const before = await rows();
    await cutTail(2);
    for (const full of [false, true]) {
      const verdict = await call(core, 'audit.verify', { full });
      expect(verdict.intact).toBe(false);
      if (!verdict.intact) expect(verdict.reason).toContain(`ends at row ${before - 2}`);
    }
  });

  it('emptying the trail fails verification and says it is empty', async () => {
    await anchoredByTheTimer();
    const before = await rows();
    await cutTail('all');
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict).toMatchObject({ intact: false, rows: 0 });
    if (!verdict.intact) expect(verdict.reason).toContain(`empty, but it held ${before} rows`);
  });

  it('cutting rows and then writing new ones to the same length is found', async () => {
    await anchoredByTheTimer();
    await cutTail(2);
    // Two fresh rows bring the count back; the anchored row is no longer the one at its id.
    await call(core, 'sites.create', { name: 'Filler A', address: 'x' });
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(false);
  });

  it('the lock anchors the head before closing; a cut made while locked is found at unlock', async () => {
    await call(core, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    const beforeLock = await rows();
    core.lock('manual');
    await vi.waitFor(() => expect(core.isOpen()).toBe(false), { timeout: 5000 });
    // The lock's own audit row is the anchored head.
    expect(core.vault.anchor()).toMatchObject({ count: beforeLock + 1, lastId: beforeLock + 1 });
    await call(core, 'auth.unlock', { password: OWNER.password });
    // The unlock's own row came after the anchor: cut it and the lock row before it.
    await cutTail(2);
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(false);
  });

  it('an anchor edited in the key file is reported, not trusted', async () => {
    await anchoredByTheTimer();
    const a = core.services.vault.anchor();
    if (!a) throw new Error('anchored above');
    await core.services.vault.setAnchor({ ...a, count: a.count + 5 });
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(false);
    if (!verdict.intact)
      expect(verdict.reason).toContain('anchor kept in the key file was changed');
  });

  it("each backup's authenticated header carries the head, and the key file is anchored with it", async () => {
    await call(core, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    const item = await call(core, 'backups.create', {});
    const { header } = await readBackupHeader(join(core.folder, 'backups', item.fileName));
    const head = await core.services.audit.head(core.db);
    // The file's backup, or a server's pg_dump archive (issue 21): both carry the anchor.
    expect(header).toMatchObject({ format: onPostgres() ? 4 : 2 });
    if (header.format !== 2 && header.format !== 4) throw new Error('not a backup of this kind');
    // The backup's own audit row comes after the copy was taken.
    expect(header.auditAnchor?.lastId).toBeLessThanOrEqual(head.lastId);
    expect(header.auditAnchor?.count).toBeGreaterThan(0);
    expect(core.services.vault.anchor()).toMatchObject({
      lastId: head.lastId,
      count: head.count,
    });
  });
});
