import { afterEach, describe, expect, it } from 'vitest';
import { insertedId, tableNames } from '../../main/db/dialect/index.js';
import type { Knex } from 'knex';
import type { SessionUser } from '../../main/services/session.js';
import { tamperWithAudit } from '../support/audit-tamper.js';
import {
  addAssignedWorker,
  call,
  createAccount,
  keepNothing,
  MARIA,
  newWorker,
  signedInUser,
  signInAs,
} from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

type Row = Record<string, unknown>;

interface Person {
  workerId: number;
  userId: number;
  needles: string[];
}

/**
 * Every row in every table that is about the person: by their worker id and user id in any
 * column that holds one, and by their name, email or username in any text column (audit JSON
 * included). Tables are read from the database's catalogue, so a table added later is checked too.
 */
async function rowsAbout(db: Knex, p: Person): Promise<{ table: string; row: Row }[]> {
  const tables = await tableNames(db);
  expect(tables).toContain('privacy_requests');
  const hits: { table: string; row: Row }[] = [];
  for (const table of tables) {
    for (const row of (await db(table).select()) as Row[]) {
      const is = (col: string, v: number) => col in row && Number(row[col]) === v;
      const workerRef =
        is('worker_id', p.workerId) ||
        (table === 'workers' && is('id', p.workerId)) ||
        (row.person_type === 'worker' && is('person_id', p.workerId)) ||
        (row.subject_type === 'worker' && is('subject_id', p.workerId)) ||
        (row.entity === 'workers' && is('entity_id', p.workerId));
      const userRef =
        (table === 'users' && is('id', p.userId)) ||
        Object.keys(row).some(
          (c) => /(user_id|_by|^user_id)$/.test(c) && c !== 'made_by' && is(c, p.userId),
        ) ||
        (row.subject_type === 'user' && is('subject_id', p.userId)) ||
        (row.entity === 'users' && is('entity_id', p.userId));
      const text = Object.values(row)
        .filter((v): v is string => typeof v === 'string')
        .join('\n')
        .toLowerCase();
      const named = p.needles.some((n) => text.includes(n.toLowerCase()));
      if (workerRef || userRef || named) hits.push({ table, row });
    }
  }
  return hits;
}

async function countsByTable(db: Knex, p: Person): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table } of await rowsAbout(db, p)) {
    if (table === 'audit_log') continue;
    out[table] = (out[table] ?? 0) + 1;
  }
  return out;
}

describe('deletion under the retention rules, against a real SQLite file', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');
  afterEach(() => core?.dispose());

  const as = (u: SessionUser) => signInAs(core, u);
  /** Maria approves the week (her password signs it); the owner is signed in again after. */
  const approvedByMaria = async (
    ctx: { maria: SessionUser; owner: SessionUser },
    workerId: number,
    weekStart: string,
  ) => {
    as(ctx.maria);
    await call(core, 'weeks.approve', { workerId, weekStart, password: 'maria password 1' });
    as(ctx.owner);
  };
  const userOf = async (id: number): Promise<SessionUser> => {
    const row = (await core.db('users').where({ id }).first()) as Row;
    return {
      id,
      username: String(row.username),
      displayName: String(row.display_name),
      role: row.role as SessionUser['role'],
      workerId: (row.worker_id as number | null) ?? null,
      supervisorId: (row.supervisor_id as number | null) ?? null,
    } as SessionUser;
  };

  async function practice() {
    const site = await call(core, 'sites.create', { name: 'Downtown Clinic' });
    const supervisor = await call(core, 'supervisors.create', {
      ...MARIA,
      licenseExpires: '2032-06-30',
    });
    const maria = await createAccount(
      core,
      'maria',
      'supervisor',
      { supervisorId: supervisor.id },
      { displayName: 'Maria Lopez' },
    );
    const owner = signedInUser(core);
    return { site, supervisor, maria: await userOf(maria.id), owner };
  }

  /** A worker with data in every table that can hold a worker's data. */
  async function seedWorker(
    ctx: Awaited<ReturnType<typeof practice>>,
    first: string,
    last: string,
    start: string,
  ) {
    const worker = await addAssignedWorker(
      core,
      {
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}@example.org`,
        phone: '555-0100',
        startDate: start,
      },
      { supervisorId: ctx.supervisor.id, siteId: ctx.site.id },
    );
    const account = await call(core, 'users.create', {
      username: first.toLowerCase(),
      displayName: `${first} ${last}`,
      role: 'worker',
      workerId: worker.id,
      password: `${first} password 1`,
    });
    const hour = (date: string, note: string | null = null) =>
      call(core, 'hours.add', {
        workerId: worker.id,
        date,
        siteId: ctx.site.id,
        supervisorId: ctx.supervisor.id,
        category: 'direct_individual',
        minutes: 60,
        note,
      });
    await hour('2026-11-02');
    await hour('2026-11-03');
    await hour('2026-11-10', `Seen with ${first}`);
    await hour('2026-11-17');
    const me = await userOf(account.id);
    as(me);
    await call(core, 'weeks.submit', { workerId: worker.id, weekStart: '2026-11-02' });
    await call(core, 'weeks.submit', { workerId: worker.id, weekStart: '2026-11-09' });
    await approvedByMaria(ctx, worker.id, '2026-11-02');
    await call(core, 'ce.create', {
      personType: 'worker',
      personId: worker.id,
      title: 'Trauma-informed care',
      provider: 'CAMFT',
      date: '2026-06-01',
      minutes: 120,
      category: 'general',
    });
    await call(core, 'ce.cycles.save', {
      personType: 'worker',
      personId: worker.id,
      preset: 'custom',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      requiredMinutes: 1200,
      lawEthicsMinutes: 120,
    });
    const now = clock.now().toISOString();
    const person = { person_type: 'worker', person_id: worker.id };
    await core.db('consents').insert({
      ...person,
      purpose: 'statistics',
      granted: true,
      at: now,
      recorded_by_user_id: account.id,
    });
    await core.db('disclosures').insert({
      ...person,
      recipient: 'California BBS',
      purpose: 'Licensure application',
      categories: '["profile","hours"]',
      format: 'pdf',
      document: 'experience-summary',
      made_at: now,
      made_by_user_id: ctx.owner.id,
      made_by: OWNER.ownerName,
    });
    const notice =
      ((await core.db('privacy_notices').first('id')) as Row | undefined)?.id ??
      (
        await core.db('privacy_notices').insert({
          version: `t-${worker.id}`,
          published_on: '2026-11-01',
          body: 'Notice',
          created_at: now,
        })
      )[0];
    await core
      .db('notice_acknowledgements')
      .insert({ user_id: account.id, notice_id: Number(notice), acknowledged_at: now });
    const survey = insertedId(
      await core
        .db('surveys')
        .insert({
          title: `Survey ${worker.id}`,
          questions_json: '[]',
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .returning('id'),
    );
    await core.db('survey_participants').insert({ survey_id: survey, user_id: account.id });
    const request = insertedId(
      await core
        .db('privacy_requests')
        .insert({
          kind: 'deletion',
          ...person,
          requested_by_user_id: account.id,
          received_on: '2026-11-18',
          identity_method: 'signed in to own account',
          details_json: JSON.stringify({ target: 'none', note: `Please delete ${first} ${last}` }),
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .returning('id'),
    );
    await core.db('privacy_requests').insert({
      kind: 'correction',
      ...person,
      requested_by_user_id: account.id,
      received_on: '2026-11-05',
      details_json: JSON.stringify({
        target: 'profile',
        field: 'email',
        currentValue: `${first.toLowerCase()}@example.org`,
        proposedValue: 'new@example.org',
        note: null,
      }),
      status: 'accepted',
      outcome_json: JSON.stringify({
        type: 'profile',
        field: 'email',
        before: `${first.toLowerCase()}@example.org`,
        after: 'new@example.org',
      }),
      created_at: now,
      updated_at: now,
    });
    // Signing in and viewing leave audit rows about the account.
    await core.db.transaction((trx) =>
      core.services.audit.append(trx, {
        action: 'view',
        entity: 'workers',
        entityId: worker.id,
        subjectType: 'worker',
        subjectId: worker.id,
        detail: `${first} ${last}'s record`,
      }),
    );
    return {
      worker,
      requestId: Number(request),
      person: {
        workerId: worker.id,
        userId: account.id,
        needles: [last, `${first.toLowerCase()}@example.org`, `"${first.toLowerCase()}"`],
      },
    };
  }

  it('deletes a person with nothing retained from every table, leaves the other untouched, and the chain verifies', async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
    const ctx = await practice();
    const zelda = await seedWorker(ctx, 'Zelda', 'Quixwood', '2026-10-05');
    const bruno = await seedWorker(ctx, 'Bruno', 'Farnsworth', '2026-10-05');
    // A session both attended: Zelda's attendance goes, the session and Bruno's stay.
    await call(core, 'sessions.create', {
      supervisorId: ctx.supervisor.id,
      siteId: ctx.site.id,
      date: '2026-11-18',
      kind: 'triadic',
      minutes: 90,
      note: null,
      workerIds: [zelda.worker.id, bruno.worker.id],
    });
    expect((await rowsAbout(core.db, zelda.person)).length).toBeGreaterThan(30);
    const brunoBefore = await countsByTable(core.db, bruno.person);

    // The practice decides nothing is kept, so the deletion is complete.
    await keepNothing(core);

    const plan = await call(core, 'privacy.deletion.plan', {
      personType: 'worker',
      personId: zelda.worker.id,
    });
    expect(plan.verdict).toBe('complete');
    expect(plan.person.name).toBe('Zelda Quixwood');

    const refused = await core.invoke('privacy.deletion.execute', {
      personType: 'worker',
      personId: zelda.worker.id,
      password: 'wrong password',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.fields?.password).toMatch(/not your password/);
    expect(await core.db('audit_log').where({ action: 'erase_failed' })).toHaveLength(1);
    expect(await core.db('workers').where({ id: zelda.worker.id })).toHaveLength(1);
    // A wrong password throttles the next attempt briefly, as at sign-in.
    clock.advance(5_000);

    const result = await call(core, 'privacy.deletion.execute', {
      personType: 'worker',
      personId: zelda.worker.id,
      requestId: zelda.requestId,
      password: OWNER.password,
    });
    expect(result.verdict).toBe('complete');
    expect(result.personRef).toMatch(/^P-[0-9A-F]{10}$/);
    expect(result.redactedAuditRows).toBeGreaterThan(10);

    expect(await rowsAbout(core.db, zelda.person)).toEqual([]);
    expect(await countsByTable(core.db, bruno.person)).toEqual(brunoBefore);
    expect(await core.services.audit.verify(core.db)).toMatchObject({ intact: true });

    // The register keeps the request under the reference, decided.
    const request = (await core
      .db('privacy_requests')
      .where({ id: zelda.requestId })
      .first()) as Row;
    expect(request).toMatchObject({
      person_id: null,
      person_type: null,
      requested_by_user_id: null,
      person_ref: result.personRef,
      status: 'completed',
    });
    const outcome = JSON.parse(String(request.outcome_json)) as Row;
    expect(outcome).toMatchObject({
      personRef: result.personRef,
      retained: [],
      scheduledFor: [],
      goneFromBackupsBy: '2026-11-20',
    });

    // The tombstone holds the reference, categories and counts, nothing personal.
    const tomb = (await core.db('audit_log').where({ action: 'erase' }).first()) as Row;
    const detail = JSON.parse(String(tomb.detail)) as {
      personRef: string;
      deleted: Record<string, number>;
    };
    expect(detail.personRef).toBe(result.personRef);
    expect(detail.deleted).toMatchObject({
      profile: 1,
      account: 1,
      approved_weeks: 1,
      weekly_logs: 1,
      consents: 1,
    });

    // Tampering with a redacted row is caught by its seal.
    const redacted = (await core
      .db('audit_log')
      .whereNotNull('redacted_at')
      .orderBy('id')
      .first()) as Row;
    await tamperWithAudit(core, (auditLog) =>
      auditLog()
        .where({ id: Number(redacted.id) })
        .update({ detail: 'edited later' }),
    );
    expect(await core.services.audit.verify(core.db)).toMatchObject({
      intact: false,
      firstBrokenId: Number(redacted.id),
      reason: 'its redaction was changed',
    });
  }, 60_000);

  it('erases a supervisor with an account and a signing key: the keys go with the last signature they verify', async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
    const ctx = await practice();
    // Zelda's weeks carry Maria's sign-off, made with her key.
    await seedWorker(ctx, 'Zelda', 'Quixwood', '2026-10-05');
    expect(await core.db('signing_keys').where({ supervisor_id: ctx.supervisor.id })).toHaveLength(
      1,
    );

    // With the rules on, Maria's sign-off is kept for Zelda's hours: so are her profile, her
    // account and the key that verifies the signature; nothing can go yet.
    const kept = await call(core, 'privacy.deletion.execute', {
      personType: 'supervisor',
      personId: ctx.supervisor.id,
      password: OWNER.password,
    });
    expect(kept.verdict).toBe('refused');
    expect(await core.db('signing_keys').where({ supervisor_id: ctx.supervisor.id })).toHaveLength(
      1,
    );
    expect(
      await core.db('week_signatures').where({ supervisor_id: ctx.supervisor.id }),
    ).toHaveLength(1);

    // With nothing kept, the signature goes, and the key and the account with it; the profile
    // stays only because Zelda's own hours name Maria as their supervisor.
    await keepNothing(core);
    clock.advance(60_000);
    const erased = await call(core, 'privacy.deletion.execute', {
      personType: 'supervisor',
      personId: ctx.supervisor.id,
      password: OWNER.password,
    });
    expect(erased.verdict).toBe('partial');
    expect(erased.retained.map((r) => r.category).sort()).toEqual(['others_hours', 'profile']);
    expect(await core.db('week_signatures').where({ supervisor_id: ctx.supervisor.id })).toEqual(
      [],
    );
    expect(await core.db('signing_keys').where({ supervisor_id: ctx.supervisor.id })).toEqual([]);
    expect(await core.db('users').where({ id: ctx.maria.id })).toEqual([]);
    expect(await core.db('supervisors').where({ id: ctx.supervisor.id })).toHaveLength(1);
    expect(await core.services.audit.verify(core.db)).toMatchObject({ intact: true });
  });

  // It makes real backups, for the day the person is gone from every backup.
  it('refuses with the rule and lapse date, schedules a partial deletion and carries it out on the day', async () => {
    // Signed on the assignment's last day, while Maria still supervises Yara.
    clock.set('2024-02-29T10:00:00');
    core = await openTempCore(clock);
    const ctx = await practice();
    const yara = await call(core, 'workers.create', newWorker('Yara', 'Pemberton', '2023-09-04'));
    const span = {
      workerId: yara.id,
      supervisorId: ctx.supervisor.id,
      siteId: ctx.site.id,
      startDate: '2023-09-04',
    };
    const assignment = await call(core, 'assignments.create', span);
    await call(core, 'assignments.update', { id: assignment.id, ...span, endDate: '2024-02-29' });
    await call(core, 'hours.add', {
      workerId: yara.id,
      date: '2024-02-29',
      siteId: ctx.site.id,
      supervisorId: ctx.supervisor.id,
      category: 'direct_individual',
      minutes: 50,
    });
    await call(core, 'weeks.submit', { workerId: yara.id, weekStart: '2024-02-26' });
    await approvedByMaria(ctx, yara.id, '2024-02-26');

    clock.set('2026-11-20T10:00:00');
    // Last supervision 2024-02-29 (leap day); 7 years later is 2031-03-01.
    const refusal = await call(core, 'privacy.deletion.execute', {
      personType: 'worker',
      personId: yara.id,
      password: OWNER.password,
    });
    expect(refusal.verdict).toBe('refused');
    expect(refusal.deleteNow).toEqual([]);
    expect(refusal.decisionReason).toContain(
      'kept under the rule "Approved hours and sign-offs" until 2031-03-01',
    );
    expect(refusal.retained.map((r) => [r.category, r.rule, r.lapsesOn])).toEqual([
      ['approved_weeks', 'approved-hours', '2031-03-01'],
      ['assignments', 'supervision-records', '2031-03-01'],
      ['profile', 'approved-hours', '2031-03-01'],
    ]);
    expect(await call(core, 'privacy.deletion.scheduled', {})).toEqual([
      expect.objectContaining({ personName: 'Yara Pemberton', dueOn: '2031-03-01' }),
    ]);

    // Real backups: the newest is 2026-11-21 10:00; expiry 90 days → 2027-02-19.
    await core.services.settings.update({
      retention: { ...(await core.services.settings.get()).retention, expiryDays: 90 },
    });
    await call(core, 'backups.create', {});
    clock.set('2026-11-21T10:00:00');
    await call(core, 'backups.create', {});
    clock.set('2026-11-21T15:00:00');

    // Now some data no rule keeps, and a CE record kept 4 years from 2024-02-29.
    const now = clock.now().toISOString();
    await core.db('consents').insert({
      person_type: 'worker',
      person_id: yara.id,
      purpose: 'surveys',
      granted: false,
      at: now,
    });
    await call(core, 'ce.create', {
      personType: 'worker',
      personId: yara.id,
      title: 'Ethics',
      provider: 'CAMFT',
      date: '2024-02-29',
      minutes: 60,
      category: 'law_ethics',
    });
    const requestId = insertedId(
      await core
        .db('privacy_requests')
        .insert({
          kind: 'deletion',
          person_type: 'worker',
          person_id: yara.id,
          received_on: '2026-11-21',
          identity_method: 'in person',
          details_json: '{"target":"none","note":null}',
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .returning('id'),
    );
    const partial = await call(core, 'privacy.deletion.execute', {
      personType: 'worker',
      personId: yara.id,
      requestId: Number(requestId),
      password: OWNER.password,
    });
    expect(partial.verdict).toBe('partial');
    expect(partial.deleteNow).toEqual([{ category: 'consents', label: 'Consents', count: 1 }]);
    expect(partial.scheduledFor).toEqual(['2028-02-29', '2031-03-01']);
    expect(partial.goneFromBackupsBy).toBe('2027-02-19');
    // The reference stays the one the refusal gave.
    expect(partial.personRef).toBe(refusal.personRef);
    const req = (await core.db('privacy_requests').where({ id: requestId }).first()) as Row;
    expect(req.status).toBe('partial');
    expect(JSON.parse(String(req.outcome_json))).toMatchObject({
      scheduledFor: ['2028-02-29', '2031-03-01'],
      goneFromBackupsBy: '2027-02-19',
      retained: expect.arrayContaining([
        expect.objectContaining({ rule: 'ce-records', lapsesOn: '2028-02-29' }),
      ]),
    });

    // The day before nothing happens; on the day the CE record goes.
    expect((await core.services.privacyDeletion.runDueDeletions('2028-02-28')).people).toEqual([]);
    clock.set('2028-02-29T08:00:00');
    const first = await call(core, 'privacy.deletion.runDue', {});
    expect(first.people).toEqual([
      {
        personRef: refusal.personRef,
        verdict: 'partial',
        deleted: 1,
        scheduledFor: ['2031-03-01'],
      },
    ]);
    expect(await core.db('ce_records').where({ person_id: yara.id })).toEqual([]);

    clock.set('2031-03-01T08:00:00');
    await core.runDueDeletions();
    const yaraPerson = {
      workerId: yara.id,
      userId: -1,
      needles: ['Pemberton', 'yara@example.org'],
    };
    expect(await rowsAbout(core.db, yaraPerson)).toEqual([]);
    expect(await core.db('privacy_requests').where({ id: requestId }).first('status')).toEqual({
      status: 'completed',
    });
    expect(await core.services.audit.verify(core.db)).toMatchObject({ intact: true });
  }, 60_000);
});
