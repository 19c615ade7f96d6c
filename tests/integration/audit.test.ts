import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAuditLog } from '../../main/services/audit.js';
import { tamperWithAudit } from '../support/audit-tamper.js';
import { onPostgres } from '../support/pg-test-server.js';
import { call, createAccount, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

describe('audit trail (HMAC chain in a real SQLite file)', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore(fakeClock('2026-11-20T10:00:00'));
  });
  afterEach(() => core.dispose());

  it('records set-up, sign-in, every create and update with before and after values', async () => {
    const { worker } = await seedPractice(core);
    await call(core, 'workers.update', { ...worker, lastName: 'Chen-Park', active: true });
    const rows = await call(core, 'audit.list', { limit: 50 });
    const actions = rows.map((r) => `${r.action} ${r.entity ?? ''}`.trim()).reverse();
    expect(actions).toEqual([
      'setup',
      'create users',
      // Set-up publishes the privacy notice and records the owner acknowledging it.
      'notice_published privacy_notices',
      'notice_acknowledged notice_acknowledgements',
      'sign_in users',
      'create sites',
      'create supervisors',
      'create workers',
      'create supervision_assignments',
      'update workers',
    ]);
    const update = rows[0];
    expect(update).toMatchObject({ actor: 'owner', subjectType: 'worker', subjectId: worker.id });
    expect(JSON.parse(update?.before ?? '{}').lastName).toBe('Chen');
    expect(JSON.parse(update?.after ?? '{}').lastName).toBe('Chen-Park');
    expect(JSON.stringify(rows)).not.toContain('scrypt$');
  });

  it('filters by person and action', async () => {
    const { worker } = await seedPractice(core);
    const about = await call(core, 'audit.list', {
      subjectType: 'worker',
      subjectId: worker.id,
      limit: 50,
    });
    expect(about.map((r) => r.entity)).toEqual(['supervision_assignments', 'workers']);
    const signIns = await call(core, 'audit.list', { action: 'sign_in', limit: 50 });
    expect(signIns).toHaveLength(1);
  });

  it("records each view of a person's hours", async () => {
    const { worker } = await seedPractice(core);
    await call(core, 'hours.week', { workerId: worker.id, weekStart: '2026-11-18' });
    // The view row is queued on the writer (main/services/hours.ts): on SQLite's one connection
    // the next call runs after it; from a server's connection pool it may come first.
    const view = await vi.waitFor(async () => {
      const [row] = await call(core, 'audit.list', { action: 'view', limit: 5 });
      if (!row) throw new Error('the view is not recorded yet');
      return row;
    });
    expect(view).toMatchObject({
      actor: 'owner',
      subjectType: 'worker',
      subjectId: worker.id,
      detail: 'week of 2026-11-16',
    });
  });

  it('refuses UPDATE and DELETE of audit rows in the data layer', async () => {
    await expect(
      core.db('audit_log').where({ id: 1 }).update({ actor: 'mallory' }),
    ).rejects.toThrow(/append-only/);
    // On PostgreSQL the app's role has no DELETE on audit_log at all (the GRANTs, issue 21).
    await expect(core.db('audit_log').where({ id: 1 }).delete()).rejects.toThrow(
      onPostgres() ? /permission denied for table audit_log/ : /append-only/,
    );
  });

  it('verifies intact, then names the first row someone edited directly in the file', async () => {
    await seedPractice(core);
    expect(await call(core, 'audit.verify', {})).toMatchObject({
      intact: true,
      rows: 9,
      signatures: { checked: 0, broken: [] },
    });
    // An attacker with the file drops the trigger and edits a row.
    await tamperWithAudit(core, (auditLog) =>
      auditLog().where({ id: 4 }).update({ after_json: '{"name":"Forged"}' }),
    );
    // The owner's full check walks the chain from row 1 again.
    expect(await call(core, 'audit.verify', { full: true })).toEqual({
      intact: false,
      rows: 3,
      firstBrokenId: 4,
      reason: 'its content was changed',
      resumedAfter: 0,
      signatures: { checked: 0, signed: 0, beforeSignatures: 0, broken: [] },
    });
  });

  it('a verification walks the trail as it stood when it began; rows added meanwhile are the next one’s', async () => {
    await seedPractice(core);
    const audit = core.services.audit;
    const before = Number(
      ((await core.db('audit_log').max({ m: 'id' }).first()) as { m: number }).m,
    );
    let added = false;
    const verdict = await audit.verify(core.db, {
      // A row appended after the first page, while the walk is under way.
      onProgress: () => {
        if (added) return;
        added = true;
        void core.db.transaction((trx) =>
          audit.append(trx, { action: 'view', entity: 'workers', detail: 'during the walk' }),
        );
      },
    });
    expect(added).toBe(true);
    expect(verdict).toMatchObject({ intact: true, rows: before });
    // Appended meanwhile: there now, and walked by the next verification.
    await vi.waitFor(async () =>
      expect((await core.db('audit_log').max({ m: 'id' }).first()) as { m: number }).toEqual({
        m: before + 1,
      }),
    );
    expect(await audit.verify(core.db)).toMatchObject({ intact: true, rows: before + 1 });
  });

  it('a verification resumes after its sealed checkpoint; the checkpointed row must not change', async () => {
    await seedPractice(core);
    const first = await call(core, 'audit.verify', {});
    expect(first).toMatchObject({ intact: true, resumedAfter: 0 });
    const checkpoint = core.services.vault.checkpoint();
    expect(checkpoint).toMatchObject({ lastId: first.rows, count: first.rows });
    await call(core, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    const second = await call(core, 'audit.verify', {});
    // Only the rows after the checkpoint were read; the verify's own row is after it too.
    expect(second).toMatchObject({ intact: true, resumedAfter: first.rows });
    expect(second.rows).toBeGreaterThan(first.rows);
    // A row after the checkpoint edited in the file is found by the quick check.
    const lastChecked = second.rows;
    await call(core, 'sites.create', { name: 'Another', address: '2 Hill Rd' });
    const newRow = lastChecked + 1;
    await tamperWithAudit(core, (auditLog) =>
      auditLog().where({ id: newRow }).update({ detail: 'forged' }),
    );
    expect(await call(core, 'audit.verify', {})).toMatchObject({
      intact: false,
      firstBrokenId: newRow,
      resumedAfter: lastChecked,
    });
    // The checkpointed row itself rewritten: named, not skipped. The walk then goes from the
    // start (only it can tell a restore since from a change: audit-chain.ts, restoredSince).
    await tamperWithAudit(core, (auditLog) =>
      auditLog()
        .where({ id: lastChecked })
        .update({ hmac: 'f'.repeat(64) }),
    );
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict).toMatchObject({ intact: false, firstBrokenId: lastChecked, resumedAfter: 0 });
    if (!verdict.intact) expect(verdict.reason).toContain('its content was changed');
    // The checkpointed row gone with everything after it: the checkpoint says what is missing.
    await tamperWithAudit(core, (auditLog) => auditLog().where('id', '>=', lastChecked).delete());
    const cut = await call(core, 'audit.verify', {});
    expect(cut).toMatchObject({ intact: false, firstBrokenId: lastChecked });
    if (!cut.intact) expect(cut.reason).toContain('is now missing');
  });

  it('a checkpoint with a broken seal is ignored: the walk starts at row 1', async () => {
    await seedPractice(core);
    const first = await call(core, 'audit.verify', {});
    const c = core.services.vault.checkpoint();
    if (!c) throw new Error('verify leaves a checkpoint');
    await core.services.vault.setCheckpoint({ ...c, lastId: c.lastId + 100, count: c.count + 100 });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true, resumedAfter: 0 });
    expect(first.intact).toBe(true);
  });

  it('names a deleted row and a re-chained forgery', async () => {
    await seedPractice(core);
    await tamperWithAudit(core, (auditLog) => auditLog().where({ id: 5 }).delete());
    expect(await call(core, 'audit.verify', {})).toMatchObject({
      intact: false,
      firstBrokenId: 6,
      reason: 'row 5 is missing',
    });
  });

  it('keeps the chain whole when a transaction that appended rolls back', async () => {
    await seedPractice(core);
    const rowsBefore = await core.db('audit_log').count({ n: '*' }).first();
    // The append succeeds, then the transaction fails: the row it wrote is gone, and the log's
    // guess at the tail with it.
    await expect(
      core.db.transaction(async (trx) => {
        await core.services.audit.append(trx, { action: 'view', detail: 'rolled back' });
        throw new Error('the write after the audit row failed');
      }),
    ).rejects.toThrow(/failed/);
    expect(await core.db('audit_log').count({ n: '*' }).first()).toEqual(rowsBefore);
    await call(core, 'sites.create', { name: 'After the rollback', address: null, phone: null });
    // A second log over the same file (as after a restore reopens it) writes in between.
    const other = makeAuditLog({
      clock: fakeClock('2026-11-20T10:05:00'),
      actor: () => ({ userId: null, label: 'system' }),
      keys: core.services.auditKeys.ring,
    });
    await core.db.transaction((trx) => other.append(trx, { action: 'view', detail: 'other' }));
    await call(core, 'sites.create', {
      name: 'After the other writer',
      address: null,
      phone: null,
    });
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(true);
    const details = (await core.db('audit_log').orderBy('id', 'desc').limit(3)).map(
      (r: { detail: string | null; action: string }) => r.detail ?? r.action,
    );
    expect(details).toEqual(['create', 'other', 'create']);
  });

  it('audits refused calls', async () => {
    const { worker } = await seedPractice(core);
    const other = await call(core, 'workers.create', {
      firstName: 'A',
      lastName: 'B',
      email: 'a@b.org',
      startDate: '2026-01-01',
    });
    await createAccount(core, 'wkr', 'worker', { workerId: worker.id });
    await call(core, 'auth.signOut', {});
    await call(core, 'auth.signIn', { username: 'wkr', password: 'wkr password 1' });
    const res = await core.invoke('hours.week', { workerId: other.id, weekStart: '2026-11-16' });
    expect(res.ok ? null : res.error.code).toBe('forbidden');
    const users = await core.invoke('users.list', {});
    expect(users.ok ? null : users.error.code).toBe('forbidden');
    const rows = await core.db('audit_log').where({ action: 'forbidden' }).orderBy('id');
    expect(rows.map((r) => r.detail)).toEqual([
      `hours.week: worker ${other.id} is outside the caller's scope`,
      'users.list: role worker may not call users.list',
    ]);
  });
});
