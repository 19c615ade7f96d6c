import { describe, expect, it } from 'vitest';
import { insertedId } from '../../main/db/dialect/index.js';
import type { SessionUser } from '../../main/services/session.js';
import { canonicalJson, type WeekDocument } from '../../shared/domain/week-document.js';
import { fingerprintOf, newSigningKeyPair, signText } from '../../main/platform/signing.js';
import { call, seedTeamsWithAccounts, signInAs } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';
import type { TempCore } from '../support/temp-core.js';

const WEEK = '2026-11-16';

/** seedTeamsWithAccounts, with Sam supervised by both Maria and David this year. */
async function seedTeamsUnderBoth(core: TempCore) {
  const ids = await seedTeamsWithAccounts(core);
  await call(core, 'assignments.create', {
    workerId: ids.worker.id,
    supervisorId: ids.davidId,
    siteId: ids.site.id,
    startDate: '2026-01-05',
  });
  return ids;
}

/**
 * Week sign-offs as a licensing board relies on them, attacked the way someone holding the
 * open database file would: every change to what was signed is named by week and field, a
 * signature from any key but the supervisor's recorded one is refused, and a week under two
 * supervisors needs both.
 */
describe('Ed25519 week signatures against a real database file', () => {
  const t = coreEachTest('2026-11-20T10:00:00', seedTeamsUnderBoth, 30_000);

  const as = (who: SessionUser) => signInAs(t.core, who);
  const week = () => ({ workerId: t.ids.worker.id, weekStart: WEEK });
  /** Sam submits the week and Maria approves it; Maria stays signed in. */
  const submittedAndApprovedByMaria = async () => {
    as(t.ids.sam);
    await call(t.core, 'weeks.submit', week());
    as(t.ids.maria);
    return call(t.core, 'weeks.approve', { ...week(), password: 'maria password 1' });
  };
  const log = (
    date: string,
    minutes: number,
    supervisorId: number,
    category = 'direct_individual',
  ) =>
    call(t.core, 'hours.add', {
      workerId: t.ids.worker.id,
      date,
      siteId: t.ids.site.id,
      supervisorId,
      category: category as 'direct_individual',
      minutes,
    });

  /** Maria signs a submitted week of two entries of hers; returns the entries. */
  async function signedByMaria() {
    as(t.ids.owner);
    const monday = await log('2026-11-16', 360, t.ids.supervisor.id);
    const tuesday = await log('2026-11-17', 120, t.ids.supervisor.id, 'supervision_individual');
    const approved = await submittedAndApprovedByMaria();
    expect(approved.status).toBe('approved');
    as(t.ids.owner);
    return { monday, tuesday };
  }

  const verifyAll = () => call(t.core, 'audit.verify', {});
  const problemsOf = async () => (await verifyAll()).signatures.broken.flatMap((b) => b.problems);

  it('a sign-off is an Ed25519 signature over the canonical document, with the recorded key', async () => {
    await signedByMaria();
    const view = await call(t.core, 'weeks.get', week());
    expect(view.signatures).toHaveLength(1);
    const sig = view.signatures[0];
    if (!sig) throw new Error('one signature');
    expect(sig).toMatchObject({
      scheme: 'ed25519',
      valid: true,
      supervisorId: t.ids.supervisor.id,
    });
    const keys = await t.core.services.weekSignatures.keysOf(t.ids.supervisor.id);
    expect(keys).toHaveLength(1);
    expect(sig.keyFingerprint).toBe(keys[0]?.fingerprint);
    expect(sig.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // The exact bytes that were signed, as text.
    const doc = JSON.parse(String(sig.document)) as WeekDocument;
    expect(doc).toMatchObject({
      format: 'hourkeep.week-signature/1',
      worker: { name: 'Sam Chen' },
      week: { start: WEEK, end: '2026-11-22' },
      supervisor: { name: 'Maria Lopez', licenseType: 'LMFT', licenseState: 'CA' },
      totals: { minutes: 480, entries: 2 },
    });
    // The key's recording is in the audit trail, under the supervisor.
    const recorded = await t.core
      .db('audit_log')
      .where({ entity: 'signing_keys', entity_id: keys[0]?.id })
      .first();
    expect(JSON.parse(String(recorded?.after_json))).toMatchObject({
      fingerprint: keys[0]?.fingerprint,
    });
    expect(await verifyAll()).toMatchObject({
      intact: true,
      signatures: { checked: 1, signed: 1, broken: [] },
    });
    // The profile shows the key: to the owner and to Maria, not to David.
    expect(await call(t.core, 'weeks.signingKeys', { supervisorId: t.ids.supervisor.id })).toEqual([
      expect.objectContaining({ fingerprint: sig.keyFingerprint, retiredAt: null }),
    ]);
    as(t.ids.maria);
    expect(
      await call(t.core, 'weeks.signingKeys', { supervisorId: t.ids.supervisor.id }),
    ).toHaveLength(1);
    as(t.ids.david);
    const refused = await t.core.invoke('weeks.signingKeys', { supervisorId: t.ids.supervisor.id });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
  });

  it.each([
    ['minutes', 'minutes', (e: number) => `UPDATE hour_entries SET minutes = 840 WHERE id = ${e}`],
    ['date', 'date', (e: number) => `UPDATE hour_entries SET date = '2026-11-18' WHERE id = ${e}`],
    [
      'category',
      'category',
      (e: number) => `UPDATE hour_entries SET category = 'direct_group' WHERE id = ${e}`,
    ],
    ['note', 'noteSha256', (e: number) => `UPDATE hour_entries SET note = 'added' WHERE id = ${e}`],
  ])(
    'an entry’s %s changed in the file is named with its week and field',
    async (_n, field, sql) => {
      const { monday } = await signedByMaria();
      await t.core.db.raw(sql(monday.id));
      const problems = await problemsOf();
      expect(problems.join('\n')).toContain(`week of ${WEEK}`);
      expect(problems.join('\n')).toContain(`entries[id ${monday.id}].${field}`);
      const view = await call(t.core, 'weeks.get', week());
      expect(view.signatures[0]).toMatchObject({ valid: false });
      expect(view.signatures[0]?.problems.join('\n')).toContain(`.${field}`);
    },
  );

  it('an entry added to or removed from a signed week in the file is named', async () => {
    const { tuesday } = await signedByMaria();
    const added = insertedId(
      await t.core
        .db('hour_entries')
        .insert({
          worker_id: t.ids.worker.id,
          date: '2026-11-19',
          site_id: t.ids.site.id,
          supervisor_id: t.ids.supervisor.id,
          category: 'direct_individual',
          minutes: 600,
          created_at: '2026-11-20T10:00:00.000Z',
          updated_at: '2026-11-20T10:00:00.000Z',
        })
        .returning('id'),
    );
    let text = (await problemsOf()).join('\n');
    expect(text).toContain(`week of ${WEEK}`);
    expect(text).toContain(`entry id ${added} is in the week but was not signed`);
    expect(text).toContain('totals');
    await t.core.db('hour_entries').where({ id: added }).delete();
    await t.core.db('hour_entries').where({ id: tuesday.id }).delete();
    text = (await problemsOf()).join('\n');
    expect(text).toContain(`entry id ${tuesday.id} was signed but is no longer in the week`);
    // The check ran in the audit check's worker thread: it says what this thread says.
    const here = await t.core.services.weekSignatures.checkAll();
    const inThread = (await verifyAll()).signatures;
    expect(inThread.checked).toBe(here.length);
    expect(inThread.broken.map((b) => b.problems)).toEqual(
      here.filter((c) => !c.valid).map((c) => c.problems),
    );
  });

  it('moving the sign-off to another signer, or its entries to another supervisor, is named', async () => {
    const { monday } = await signedByMaria();
    await t.core
      .db('hour_entries')
      .where({ id: monday.id })
      .update({ supervisor_id: t.ids.davidId });
    expect((await problemsOf()).join('\n')).toContain(
      `entry id ${monday.id} was signed but is no longer in the week`,
    );
    await t.core
      .db('hour_entries')
      .where({ id: monday.id })
      .update({ supervisor_id: t.ids.supervisor.id });
    expect(await problemsOf()).toEqual([]);
    await t.core.db('week_signatures').update({ supervisor_id: t.ids.davidId });
    const text = (await problemsOf()).join('\n');
    expect(text).toContain('did not record for this supervisor');
    expect(text).toContain('signer:');
  });

  it('a signature made with another key is refused, even with that key slipped into the file', async () => {
    await signedByMaria();
    const row = await t.core.db('week_signatures').first();
    const forged = JSON.parse(String(row?.document_json)) as WeekDocument;
    forged.entries = forged.entries.map((e) => ({ ...e, minutes: e.minutes * 2 }));
    const intruder = newSigningKeyPair();
    const json = canonicalJson(forged);
    // The document edited under the original signature: the signature no longer matches.
    await t.core.db('week_signatures').update({ document_json: json });
    expect((await problemsOf()).join('\n')).toContain('the signature does not match');
    // Re-signed with an unrecorded key.
    await t.core.db('week_signatures').update({
      signature: signText(intruder.privateKey, json),
      key_fingerprint: fingerprintOf(intruder.publicKey),
    });
    expect((await problemsOf()).join('\n')).toContain('did not record for this supervisor');
    // The intruder's key inserted into signing_keys without its audited recording.
    await t.core.db('signing_keys').insert({
      supervisor_id: t.ids.supervisor.id,
      user_id: t.ids.maria.id,
      public_key: intruder.publicKey,
      fingerprint: fingerprintOf(intruder.publicKey),
      created_at: '2026-11-20T10:00:00.000Z',
    });
    expect((await problemsOf()).join('\n')).toContain('did not record for this supervisor');
    const view = await call(t.core, 'weeks.get', week());
    expect(view.signatures[0]?.valid).toBe(false);
  });

  it('a corrupted signature byte is refused', async () => {
    await signedByMaria();
    const row = await t.core.db('week_signatures').first();
    const bytes = Buffer.from(String(row?.signature), 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 0x01;
    await t.core.db('week_signatures').update({ signature: bytes.toString('base64') });
    expect((await problemsOf()).join('\n')).toContain('the signature does not match');
  });

  it('a week under two supervisors is approved only when each has signed their own entries', async () => {
    as(t.ids.owner);
    const mariaEntry = await log('2026-11-16', 240, t.ids.supervisor.id);
    const davidEntry = await log('2026-11-17', 180, t.ids.davidId);
    const partial = await submittedAndApprovedByMaria();
    expect(partial.status).toBe('submitted');
    expect(partial.signatures).toHaveLength(1);
    // Maria cannot sign twice for the same version.
    const again = await t.core.invoke('weeks.approve', { ...week(), password: 'maria password 1' });
    expect(again.ok).toBe(false);
    as(t.ids.david);
    const done = await call(t.core, 'weeks.approve', { ...week(), password: 'david password 1' });
    expect(done.status).toBe('approved');
    expect(done.signatures.map((s) => s.supervisorId).sort()).toEqual(
      [t.ids.supervisor.id, t.ids.davidId].sort(),
    );
    const byMaria = done.signatures.find((s) => s.supervisorId === t.ids.supervisor.id);
    const byDavid = done.signatures.find((s) => s.supervisorId === t.ids.davidId);
    expect(
      (JSON.parse(String(byMaria?.document)) as WeekDocument).entries.map((e) => e.id),
    ).toEqual([mariaEntry.id]);
    expect(
      (JSON.parse(String(byDavid?.document)) as WeekDocument).entries.map((e) => e.id),
    ).toEqual([davidEntry.id]);
    expect(byMaria?.keyFingerprint).not.toBe(byDavid?.keyFingerprint);
    as(t.ids.owner);
    expect(await verifyAll()).toMatchObject({ signatures: { checked: 2, signed: 2, broken: [] } });
  });

  it('a reset password gives a new key; what the old key signed still verifies', async () => {
    await signedByMaria();
    const before = await t.core.services.weekSignatures.keysOf(t.ids.supervisor.id);
    await call(t.core, 'users.resetPassword', {
      id: t.ids.maria.id,
      newPassword: 'maria password 2',
    });
    const after = await t.core.services.weekSignatures.keysOf(t.ids.supervisor.id);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ fingerprint: before[0]?.fingerprint });
    expect(after[0]?.retiredAt).not.toBeNull();
    expect(after[1]?.retiredAt).toBeNull();
    expect(await problemsOf()).toEqual([]);
  });
});
