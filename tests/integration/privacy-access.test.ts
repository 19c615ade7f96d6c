import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertedId } from '../../main/db/dialect/index.js';
import {
  personRecordSchema,
  type PersonRecord,
} from '../../shared/domain/privacy/person-record.js';
import type { ReportFile } from '../../shared/domain/reports.js';
import type { SessionUser } from '../../main/services/session.js';
import { addAssignedWorker, call, signedInUser } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const TO_BBS = { recipient: 'California BBS', purpose: 'Licensure application' };
const CERT = { name: 'ethics.pdf', mimeType: 'application/pdf', base64: 'JVBERi0xLjQK' };

const decode = (file: ReportFile) => Buffer.from(file.base64, 'base64');
const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

/** The PDF's text as pdftotext reads it, whitespace collapsed. */
function pdfText(core: TempCore, file: ReportFile, name: string): string {
  const path = join(core.folder, name);
  writeFileSync(path, decode(file));
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}

/**
 * Two workers and two supervisors, each pair with its own site, hours, a signed week, a
 * session, CE with a certificate, a CE cycle, consents, a privacy request, a notice
 * acknowledgement and a survey answered. Everything about the second pair must stay out of the
 * first pair's records.
 */
describe('privacy access: person records and the disclosure log', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T15:00:00');
  let owner: SessionUser;
  const people = {
    w1: 0,
    w2: 0,
    s1: 0,
    s2: 0,
    site1: 0,
    site2: 0,
  };
  const users: Record<'w1' | 'w2' | 's1' | 's2', SessionUser> = {} as never;

  const as = async <T>(user: SessionUser, run: () => Promise<T>): Promise<T> => {
    core.services.session.signIn(user);
    try {
      return await run();
    } finally {
      core.services.session.signIn(owner);
    }
  };

  beforeAll(async () => {
    core = await openTempCore(clock);
    const me = signedInUser(core);
    owner = me;

    const seedPair = async (
      n: 1 | 2,
      w: { first: string; last: string; email: string },
      s: { first: string; last: string; email: string; license: string },
      site: string,
    ) => {
      const siteRow = await call(core, 'sites.create', { name: site });
      const sup = await call(core, 'supervisors.create', {
        firstName: s.first,
        lastName: s.last,
        email: s.email,
        licenseType: 'LMFT',
        licenseNumber: s.license,
        licenseState: 'CA',
        licenseExpires: '2028-06-30',
      });
      const wrk = await addAssignedWorker(
        core,
        {
          firstName: w.first,
          lastName: w.last,
          email: w.email,
          title: 'Associate MFT',
          registrationNumber: `AMFT ${n}00${n}`,
        },
        { supervisorId: sup.id, siteId: siteRow.id },
      );
      for (const [date, minutes] of [
        ['2026-11-09', 60],
        ['2026-11-10', 90],
        ['2026-11-16', 45],
      ] as const) {
        await call(core, 'hours.add', {
          workerId: wrk.id,
          siteId: siteRow.id,
          supervisorId: sup.id,
          date,
          category: 'direct_individual',
          minutes,
          note: `Note of ${w.first}`,
        });
      }
      await call(core, 'sessions.create', {
        supervisorId: sup.id,
        siteId: siteRow.id,
        date: '2026-11-11',
        kind: 'individual',
        minutes: 60,
        workerIds: [wrk.id],
      });
      for (const [personType, personId] of [
        ['worker', wrk.id],
        ['supervisor', sup.id],
      ] as const) {
        await call(core, 'ce.create', {
          personType,
          personId,
          title: `Law and ethics ${n}`,
          provider: 'CAMFT',
          date: '2026-10-01',
          minutes: 360,
          category: 'law_ethics',
          certificate: CERT,
        });
        await call(core, 'ce.cycles.save', {
          personType,
          personId,
          preset: personType === 'worker' ? 'ca-associate' : 'ca-licensee',
          startDate: '2026-07-01',
          endDate: personType === 'worker' ? '2027-06-30' : '2028-06-30',
        });
      }
      const wUser = await call(core, 'users.create', {
        username: `${w.first.toLowerCase()}`,
        displayName: `${w.first} ${w.last}`,
        role: 'worker',
        workerId: wrk.id,
        password: 'worker password 1',
      });
      const sUser = await call(core, 'users.create', {
        username: `${s.first.toLowerCase()}`,
        displayName: `${s.first} ${s.last}`,
        role: 'supervisor',
        supervisorId: sup.id,
        password: 'supervisor password 1',
      });
      await as(wUser, () =>
        call(core, 'weeks.submit', { workerId: wrk.id, weekStart: '2026-11-09' }),
      );
      await as(sUser, () =>
        call(core, 'weeks.approve', {
          workerId: wrk.id,
          weekStart: '2026-11-09',
          password: 'supervisor password 1',
        }),
      );
      return { wrk, sup, siteRow, wUser, sUser };
    };

    const one = await seedPair(
      1,
      { first: 'Sam', last: 'Chen', email: 'sam.chen@example.org' },
      { first: 'Maria', last: 'Lopez', email: 'maria.lopez@example.org', license: 'LMFT 111' },
      'Downtown Clinic',
    );
    const two = await seedPair(
      2,
      { first: 'Priya', last: 'Natarajan', email: 'priya.natarajan@example.org' },
      { first: 'Dana', last: 'Okafor', email: 'dana.okafor@example.org', license: 'LMFT 222' },
      'North Office',
    );
    Object.assign(people, {
      w1: one.wrk.id,
      w2: two.wrk.id,
      s1: one.sup.id,
      s2: two.sup.id,
      site1: one.siteRow.id,
      site2: two.siteRow.id,
    });
    Object.assign(users, { w1: one.wUser, w2: two.wUser, s1: one.sUser, s2: two.sUser });

    // The consent, notice, request and survey services belong to other parts of issue 7; their
    // tables are filled directly here so the record is checked against every table.
    const db = core.db;
    const now = clock.now().toISOString();
    const noticeId = insertedId(
      await db('privacy_notices')
        .insert({
          version: 'test-access',
          published_on: '2026-11-01',
          body: 'Notice',
          created_at: now,
        })
        .returning('id'),
    );
    const surveyId = insertedId(
      await db('surveys')
        .insert({
          title: 'Supervision satisfaction',
          questions_json: '[]',
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .returning('id'),
    );
    for (const [key, personType, personId, user] of [
      ['w1', 'worker', one.wrk.id, one.wUser],
      ['w2', 'worker', two.wrk.id, two.wUser],
      ['s1', 'supervisor', one.sup.id, one.sUser],
      ['s2', 'supervisor', two.sup.id, two.sUser],
    ] as const) {
      await db('consents').insert([
        {
          person_type: personType,
          person_id: personId,
          purpose: 'statistics',
          granted: 1,
          at: now,
        },
        {
          person_type: personType,
          person_id: personId,
          purpose: 'statistics',
          granted: 0,
          at: now,
        },
      ]);
      await db('privacy_requests').insert({
        kind: 'access',
        person_type: personType,
        person_id: personId,
        requested_by_user_id: user.id,
        received_on: '2026-11-19',
        details_json: JSON.stringify({ note: `Request of ${key}` }),
        status: 'open',
        created_at: now,
        updated_at: now,
      });
      await db('notice_acknowledgements').insert({
        user_id: user.id,
        notice_id: noticeId,
        acknowledged_at: now,
      });
      await db('survey_participants').insert({ survey_id: surveyId, user_id: user.id });
      await db('scheduled_deletions').insert({
        person_type: personType,
        person_id: personId,
        due_on: '2033-11-11',
        rule_keys: '["approved_hours"]',
        created_at: now,
      });
    }
    // One disclosure each, so each record has a row in that table before the tests export.
    for (const workerId of [one.wrk.id, two.wrk.id])
      await call(core, 'reports.weeklyLog', { ...TO_BBS, workerId, weekStart: '2026-11-09' });
  }, 120_000);
  afterAll(() => core?.dispose());

  const exportJson = async (personType: 'worker' | 'supervisor', personId: number) => {
    const file = await call(core, 'privacy.exportRecord', {
      personType,
      personId,
      format: 'json',
      ...TO_BBS,
    });
    const text = decode(file).toString('utf8');
    return { file, text, record: personRecordSchema.parse(JSON.parse(text)) as PersonRecord };
  };

  it("a worker's JSON export holds every row about them from every table", async () => {
    const { record, file } = await exportJson('worker', people.w1);
    const db = core.db;
    const w = people.w1;
    expect(file.fileName).toBe('person-record-chen-sam-2026-11-20.json');
    expect(record.schema).toBe('hourkeep.person-record/1');
    expect(record.person).toMatchObject({ type: 'worker', id: w, email: 'sam.chen@example.org' });

    const userIds = ids(await db('users').where({ worker_id: w }).select('id'));
    expect(ids(record.accounts)).toEqual(userIds);
    expect(JSON.stringify(record.accounts)).not.toContain('password_hash');
    expect(ids(record.assignments)).toEqual(
      ids(await db('supervision_assignments').where({ worker_id: w }).select('id')),
    );
    expect(ids(record.hourEntries)).toEqual(
      ids(await db('hour_entries').where({ worker_id: w }).select('id')),
    );
    expect(record.hourEntries.every((e) => e.note === null || e.note === 'Note of Sam')).toBe(true);
    expect(ids(record.weeklyLogs)).toEqual(
      ids(await db('weekly_logs').where({ worker_id: w }).select('id')),
    );
    expect(ids(record.weekSignatures)).toEqual(
      ids(
        await db('week_signatures as g')
          .join('weekly_logs as l', 'l.id', 'g.weekly_log_id')
          .where('l.worker_id', w)
          .select('g.id'),
      ),
    );
    expect(record.weekSignatures[0]?.entriesJson).toContain('"minutes"');
    expect(ids(record.supervisionSessions)).toEqual(
      (await db('supervision_session_attendees').where({ worker_id: w }).select('session_id'))
        .map((r: { session_id: number }) => Number(r.session_id))
        .sort((a, b) => a - b),
    );
    const byPerson = { person_type: 'worker', person_id: w };
    expect(ids(record.ceRecords)).toEqual(ids(await db('ce_records').where(byPerson).select('id')));
    expect(record.ceRecords[0]?.certificateBase64).toBe(CERT.base64);
    expect(ids(record.ceCycles)).toEqual(ids(await db('ce_cycles').where(byPerson).select('id')));
    expect(ids(record.consents)).toEqual(ids(await db('consents').where(byPerson).select('id')));
    expect(record.consents.map((c) => c.granted)).toEqual([true, false]);
    // The export being made is recorded after the record is read, so it is not in this one.
    const disclosures = ids(await db('disclosures').where(byPerson).select('id'));
    expect(ids(record.disclosures)).toEqual(disclosures.slice(0, -1));
    expect(ids(record.privacyRequests)).toEqual(
      ids(await db('privacy_requests').where(byPerson).select('id')),
    );
    expect(ids(record.scheduledDeletions)).toEqual(
      ids(await db('scheduled_deletions').where(byPerson).select('id')),
    );
    expect(ids(record.noticeAcknowledgements)).toEqual(
      ids(await db('notice_acknowledgements').whereIn('user_id', userIds).select('id')),
    );
    expect(record.surveyParticipation.map((s) => s.userId)).toEqual(
      (await db('survey_participants').whereIn('user_id', userIds).select('user_id')).map(
        (r: { user_id: number }) => Number(r.user_id),
      ),
    );
    // Audit rows about the worker or their account, or made by it — read before this export's
    // own rows were appended.
    const audit = ids(
      await db('audit_log')
        .where({ subject_type: 'worker', subject_id: w })
        .orWhere((q) => q.where({ subject_type: 'user' }).whereIn('subject_id', userIds))
        .orWhereIn('actor_user_id', userIds)
        .select('id'),
    );
    const lastRead = record.auditEntries.at(-1)?.id ?? 0;
    expect(ids(record.auditEntries)).toEqual(audit.filter((id) => id <= lastRead));
    expect(audit.length - record.auditEntries.length).toBe(1); // the export's own disclose row
    expect(record.auditEntries.some((a) => a.action === 'submit')).toBe(true);
    // Derived rows (per-week totals kept beside the entries) are held data too.
    const rollups = (await db('hour_rollups').where({ worker_id: w })) as Record<string, unknown>[];
    expect(rollups.length).toBeGreaterThan(0);
    expect(record.derived.hourRollups).toEqual(rollups);
  });

  it('holds nothing about the second worker or the other supervisor', async () => {
    const { text, record } = await exportJson('worker', people.w1);
    for (const other of [
      'Priya',
      'Natarajan',
      'priya.natarajan@example.org',
      'Dana',
      'Okafor',
      'dana.okafor@example.org',
      'North Office',
      'Note of Priya',
      'Request of w2',
    ])
      expect(text, other).not.toContain(other);
    const rowsNaming = (id: number) =>
      [...record.hourEntries, ...record.assignments, ...record.weekSignatures].filter(
        (r) => r.worker.id === id,
      );
    expect(rowsNaming(people.w2)).toEqual([]);
    expect(
      record.auditEntries.filter((a) => a.subjectType === 'worker' && a.subjectId === people.w2),
    ).toEqual([]);
    expect(record.auditEntries.filter((a) => a.actorUserId === users.w2.id)).toEqual([]);
  });

  it("a supervisor's record lists what they signed and gave, with only names of the worker", async () => {
    const { text, record } = await exportJson('supervisor', people.s1);
    expect(record.person).toMatchObject({ type: 'supervisor', licenseNumber: 'LMFT111' });
    expect(ids(record.weekSignatures)).toEqual(
      ids(await core.db('week_signatures').where({ supervisor_id: people.s1 }).select('id')),
    );
    expect(record.weekSignatures.every((g) => g.entriesJson === null)).toBe(true);
    expect(record.weekSignatures[0]?.worker.name).toBe('Sam Chen');
    expect(ids(record.supervisionSessions)).toEqual(
      ids(await core.db('supervision_sessions').where({ supervisor_id: people.s1 }).select('id')),
    );
    expect(record.hourEntries.every((e) => e.note === null)).toBe(true);
    expect(record.weeklyLogs).toEqual([]);
    // Approving Sam's week is in the supervisor's audit trail, without Sam's data in it.
    const approve = record.auditEntries.find((a) => a.action === 'approve');
    expect(approve).toMatchObject({ aboutThisPerson: false, before: null, after: null });
    for (const other of ['Note of Sam', 'sam.chen@example.org', 'Priya', 'Okafor', 'Dana'])
      expect(text, other).not.toContain(other);
  });

  it('each export path records a disclosure with recipient, purpose, categories, who and when', async () => {
    clock.set('2026-11-20T16:30:00Z');
    const since = Number(
      ((await core.db('disclosures').max({ m: 'id' }).first()) as { m: number }).m,
    );
    const latest = async () =>
      core.db('disclosures').where('id', '>', since).orderBy('id') as Promise<
        Record<string, unknown>[]
      >;
    const pdf = await call(core, 'privacy.exportRecord', {
      personType: 'worker',
      personId: people.w1,
      format: 'pdf',
      recipient: 'Sam Chen',
      purpose: 'Access request of 2026-11-19',
    });
    expect(pdf.mimeType).toBe('application/pdf');
    const text = pdfText(core, pdf, 'record.pdf');
    expect(text).toContain('Personal data record: Sam Chen');
    expect(text).toContain('Downtown Clinic');
    expect(text).not.toContain('Natarajan');
    const png = join(core.folder, 'record');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(core.folder, 'record.pdf'),
      png,
    ]);
    if (process.env.HOURKEEP_KEEP_PNG) {
      mkdirSync('.tmp/screenshots', { recursive: true });
      copyFileSync(`${png}.png`, '.tmp/screenshots/person-record.png');
      copyFileSync(join(core.folder, 'record.pdf'), '.tmp/screenshots/person-record.pdf');
    }

    await exportJson('supervisor', people.s2);
    await call(core, 'reports.weeklyLog', {
      ...TO_BBS,
      workerId: people.w1,
      weekStart: '2026-11-16',
    });
    await call(core, 'reports.experienceSummary', { ...TO_BBS, workerId: people.w2 });
    await call(core, 'csv.exportHours', {
      recipient: 'Practice accountant',
      purpose: 'Payroll check',
      from: '2026-11-01',
      to: '2026-11-30',
    });

    const rows = await latest();
    const view = rows.map((r) => [
      r.person_type,
      Number(r.person_id),
      r.document,
      r.format,
      r.recipient,
      r.purpose,
    ]);
    expect(view).toEqual([
      ['worker', people.w1, 'person-record', 'pdf', 'Sam Chen', 'Access request of 2026-11-19'],
      ['supervisor', people.s2, 'person-record', 'json', ...Object.values(TO_BBS)],
      ['worker', people.w1, 'weekly-log', 'pdf', ...Object.values(TO_BBS)],
      ['worker', people.w2, 'experience-summary', 'pdf', ...Object.values(TO_BBS)],
      ['worker', people.w1, 'hours-csv', 'csv', 'Practice accountant', 'Payroll check'],
      ['worker', people.w2, 'hours-csv', 'csv', 'Practice accountant', 'Payroll check'],
    ]);
    expect(rows.every((r) => r.made_by === 'owner' && Number(r.made_by_user_id) === owner.id)).toBe(
      true,
    );
    expect(rows.every((r) => r.made_at === '2026-11-20T16:30:00.000Z')).toBe(true);
    expect(JSON.parse(String(rows[2]?.categories))).toEqual(['profile', 'hours', 'weekly_logs']);
    expect(JSON.parse(String(rows[3]?.categories))).toEqual(['profile', 'hours', 'supervision']);
    expect(JSON.parse(String(rows[4]?.categories))).toEqual(['profile', 'hours']);
    expect(JSON.parse(String(rows[0]?.categories))).toContain('audit');
    // One audit row per disclosure made (the CSV's two people share one).
    const disclose = await call(core, 'audit.list', { action: 'disclose', limit: 5 });
    expect(disclose[0]?.detail).toContain(
      'hours-csv (CSV) to Practice accountant for Payroll check',
    );
    expect(disclose[0]?.detail).toContain('2 people');

    // A worker's own export records a disclosure as well, made by them.
    await as(users.w1, () =>
      call(core, 'csv.exportHours', { recipient: 'Myself', purpose: 'Own copy' }),
    );
    const mine = (await latest()).at(-1);
    expect(mine).toMatchObject({ person_id: people.w1, made_by: 'sam', recipient: 'Myself' });
  });

  it('a worker downloading their own weekly log is not asked who it is for; anyone else is', async () => {
    const disclosures = async () =>
      Number((await core.db('disclosures').count({ n: 'id' }).first())?.n);
    const before = await disclosures();
    const own = await as(users.w1, () =>
      core.invoke('reports.weeklyLog', { workerId: people.w1, weekStart: '2026-11-16' }),
    );
    expect(own.ok).toBe(true);
    expect(await disclosures()).toBe(before);
    const audited = await core
      .db('audit_log')
      .orderBy('id', 'desc')
      .first('action', 'actor', 'detail');
    expect(audited).toMatchObject({
      action: 'export',
      actor: 'sam',
      detail: "Weekly log PDF, week of 2026-11-16 (the worker's own copy)",
    });
    // The owner (or a supervisor) making the same file is disclosing it: both fields asked.
    const owners = await core.invoke('reports.weeklyLog', {
      workerId: people.w1,
      weekStart: '2026-11-16',
    });
    expect(owners).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { recipient: 'Required', purpose: 'Required' } },
    });
    expect(await disclosures()).toBe(before);
  });

  it('refuses an export without a recipient or purpose, naming the field', async () => {
    const before = await core.db('disclosures').count({ n: 'id' }).first();
    const res = await core.invoke('privacy.exportRecord', {
      personType: 'worker',
      personId: people.w1,
      format: 'json',
      recipient: '  ',
      purpose: 'x',
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { recipient: 'Required' } },
    });
    const weekly = await core.invoke('reports.weeklyLog', {
      workerId: people.w1,
      weekStart: '2026-11-16',
      recipient: 'California BBS',
    });
    expect(weekly).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { purpose: 'Required' } },
    });
    const csv = await core.invoke('csv.exportHours', { purpose: 'x' });
    expect(csv).toMatchObject({ ok: false, error: { fields: { recipient: 'Required' } } });
    expect(await core.db('disclosures').count({ n: 'id' }).first()).toEqual(before);
  });

  it('a worker sees their own record and only their own disclosures', async () => {
    const record = await as(users.w1, () => call(core, 'privacy.myRecord', {}));
    expect(record.person.email).toBe('sam.chen@example.org');
    expect(record.ceRecords[0]?.certificateBase64).toBeNull();
    expect(record.disclosures.length).toBeGreaterThan(0);
    const [view] = await call(core, 'audit.list', { action: 'view', limit: 1 });
    expect(view).toMatchObject({ subjectType: 'worker', subjectId: people.w1 });

    const own = await as(users.w1, () =>
      call(core, 'privacy.disclosures.list', { personType: 'worker', personId: people.w1 }),
    );
    expect(own.length).toBe(
      Number(
        (
          (await core
            .db('disclosures')
            .where({ person_type: 'worker', person_id: people.w1 })
            .count({ n: 'id' })
            .first()) as { n: number }
        ).n,
      ),
    );
    expect(own[0]).toMatchObject({ recipient: expect.any(String), madeBy: expect.any(String) });
    const other = await as(users.w1, () =>
      core.invoke('privacy.disclosures.list', { personType: 'worker', personId: people.w2 }),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A supervisor sees their supervisee's hours, not who the supervisee's data went to.
    const bySup = await as(users.s1, () =>
      core.invoke('privacy.disclosures.list', { personType: 'worker', personId: people.w1 }),
    );
    expect(bySup).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const supOwn = await as(users.s1, () =>
      call(core, 'privacy.disclosures.list', { personType: 'supervisor', personId: people.s1 }),
    );
    // The supervisor's own record was exported once, above.
    expect(supOwn.map((d) => d.document)).toEqual(['person-record']);
    const supRecord = await as(users.s1, () => call(core, 'privacy.myRecord', {}));
    expect(supRecord.person.type).toBe('supervisor');
  });

  it('the yearly report lists every disclosure of the year, as rows, CSV and PDF', async () => {
    const total = Number(
      ((await core.db('disclosures').count({ n: 'id' }).first()) as { n: number }).n,
    );
    const report = await call(core, 'privacy.disclosures.yearly', { year: 2026 });
    expect(report.rows).toHaveLength(total);
    expect(report.file).toBeNull();
    expect(
      report.rows.find((r) => r.personId === people.w2 && r.personType === 'worker')?.personName,
    ).toBe('Priya Natarajan');
    const csv = await call(core, 'privacy.disclosures.yearly', { year: 2026, format: 'csv' });
    if (!csv.file) throw new Error('a CSV was asked for');
    const lines = decode(csv.file)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'made_at,person_type,person_id,person_name,recipient,purpose,categories,format,document,made_by',
    );
    expect(lines).toHaveLength(total + 1);
    expect(
      lines.some((l) => l.includes('Practice accountant,Payroll check,profile hours,csv')),
    ).toBe(true);
    const pdf = await call(core, 'privacy.disclosures.yearly', { year: 2026, format: 'pdf' });
    if (!pdf.file) throw new Error('a PDF was asked for');
    if (process.env.HOURKEEP_KEEP_PNG)
      writeFileSync('.tmp/screenshots/disclosures-2026.pdf', decode(pdf.file));
    expect(pdfText(core, pdf.file, 'yearly.pdf')).toContain('Disclosures of personal data, 2026');
    expect((await call(core, 'privacy.disclosures.yearly', { year: 2025 })).rows).toEqual([]);
  });
});
