import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import type { UserAccount } from '../../shared/domain/records.js';
import type { SessionUser } from '../../main/services/session.js';
import { columnNames, rawRows } from '../../main/db/dialect/index.js';
import { onPostgres } from '../support/pg-test-server.js';
import { call, signInAs } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const asSession = (u: UserAccount): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  workerId: u.workerId,
  supervisorId: u.supervisorId,
});

/** Calls as `user` and gives back the envelope, then signs the owner back in. */
async function callAs<K extends ApiName>(
  core: TempCore,
  owner: SessionUser,
  user: SessionUser,
  name: K,
  input: ApiInput<K>,
) {
  signInAs(core, user);
  try {
    return await core.invoke(name, input);
  } finally {
    signInAs(core, owner);
  }
}

const countRows = async (core: TempCore, table: string) =>
  Number(((await core.db(table).count({ n: '*' }).first()) as { n: number }).n);

describe('practice statistics: aggregate only, small groups hidden, consent read every time', () => {
  let core: TempCore;
  let owner: SessionUser;
  const w: Record<string, number> = {};
  const sites: Record<string, number> = {};

  beforeAll(async () => {
    core = await openTempCore(fakeClock('2026-11-20T10:00:00'));
    owner = core.services.session.user() as SessionUser;
    for (const name of ['Downtown', 'Uptown', 'Rural'])
      sites[name] = (await call(core, 'sites.create', { name })).id;
    const sup = await call(core, 'supervisors.create', {
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria@example.org',
      licenseType: 'LMFT',
      licenseNumber: 'L1',
      licenseState: 'CA',
      licenseExpires: '2030-01-01',
    });
    for (const key of 'ABCDEFGHI') {
      const worker = await call(core, 'workers.create', {
        firstName: 'Person',
        lastName: `Zed${key}`,
        email: `${key}@example.org`,
        startDate: '2026-01-05',
      });
      w[key] = worker.id;
      await call(core, 'workers.setPack', { workerId: worker.id, packId: 'generic' });
      // I never agrees to be counted; the others do.
      if (key !== 'I')
        await call(core, 'privacy.consents.set', {
          personType: 'worker',
          personId: worker.id,
          purpose: 'statistics',
          granted: true,
        });
    }
    // Hours written straight into the table: the statistics read only the table, and these
    // sizes (200,000 minutes in one row) are beyond what the hour form accepts.
    const now = '2026-11-20T10:00:00.000Z';
    const entry = (key: string, site: string, category: string, minutes: number, date: string) => ({
      worker_id: w[key],
      date,
      site_id: sites[site],
      supervisor_id: sup.id,
      category,
      minutes,
      note: `secret note of ${key}`,
      status: 'draft',
      created_at: now,
      updated_at: now,
    });
    await core.db('hour_entries').insert([
      ...[...'ABCDEFG'].map((k) => entry(k, 'Downtown', 'direct_individual', 600, '2026-10-14')),
      ...[...'ABCDE'].map((k) => entry(k, 'Uptown', 'supervision_individual', 60, '2026-10-15')),
      ...[...'AB'].map((k) => entry(k, 'Rural', 'direct_group', 90, '2026-11-03')),
      // F and G have met the generic pack's 180,000-minute total.
      ...[...'FG'].map((k) => entry(k, 'Downtown', 'direct_individual', 200_000, '2026-10-16')),
      entry('I', 'Downtown', 'direct_individual', 10_000, '2026-10-14'),
      entry('I', 'Rural', 'direct_group', 90, '2026-11-03'),
    ]);
  });
  afterAll(() => core.dispose());

  it('hides groups of fewer than 5 and the cell that would give one away', async () => {
    const s = await call(core, 'stats.practice', {});
    expect(s.period).toMatchObject({ from: '2025-12-01', to: '2026-11-20', year: null });
    expect(s.consenting).toBe(8);
    expect(s.notConsenting).toBe(1);
    expect(s.years).toEqual([2026]);

    const cat = Object.fromEntries(s.byCategory.rows.map((r) => [r.key, r]));
    expect(cat.direct_individual).toMatchObject({ value: 7 * 600 + 400_000, people: 7 });
    // Two people in group work: hidden; supervision (the smallest other figure) hidden with it,
    // or the total minus the rest would give group work's 180 minutes.
    expect(cat.direct_group).toMatchObject({ value: null, people: null, suppressed: 'small' });
    expect(cat.supervision_individual).toMatchObject({ value: null, suppressed: 'complementary' });
    expect(cat.nonclinical).toMatchObject({ value: 0, people: 0, suppressed: null });
    // I's 10,090 minutes are nowhere: the total is the consenting workers' alone.
    expect(s.byCategory.total).toEqual({ value: 404_680, people: 7, suppressed: null });
    expect(s.byCategory.suppressedRows).toBe(2);

    const site = Object.fromEntries(s.bySite.rows.map((r) => [r.label, r]));
    expect(site.Downtown).toMatchObject({ value: 404_200, people: 7 });
    expect(site.Rural?.suppressed).toBe('small');
    expect(site.Uptown?.suppressed).toBe('complementary');

    const month = Object.fromEntries(s.byMonth.rows.map((r) => [r.key, r]));
    expect(s.byMonth.rows).toHaveLength(12);
    expect(month['2026-11']?.suppressed).toBe('small');
    expect(month['2026-10']?.suppressed).toBe('complementary');
    expect(month['2026-09']).toMatchObject({ value: 0, suppressed: null });

    // A–E and H (no hours) under a quarter; F and G met — two people, so hidden, and the
    // other bucket with them since the total is shown.
    const progress = Object.fromEntries(s.progress.rows.map((r) => [r.key, r]));
    expect(progress.met?.suppressed).toBe('small');
    expect(progress['0-25']?.suppressed).toBe('complementary');
    expect(progress['25-50']).toMatchObject({ value: 0, suppressed: null });
    expect(s.progress.total).toEqual({ value: 8, people: 8, suppressed: null });
  });

  it('shows nothing for a year without hours', async () => {
    const s = await call(core, 'stats.practice', { year: 2025 });
    expect(s.period).toMatchObject({ from: '2025-01-01', to: '2025-12-31', year: 2025 });
    expect(s.byCategory.total).toEqual({ value: 0, people: 0, suppressed: null });
  });

  it('never reads a name, an email or a note', async () => {
    const queries: string[] = [];
    const listen = (q: { sql: string }) => queries.push(q.sql.toLowerCase());
    core.db.on('query', listen);
    try {
      await call(core, 'stats.practice', {});
      await call(core, 'stats.exportCsv', {});
    } finally {
      core.db.off('query', listen);
    }
    expect(queries.length).toBeGreaterThan(3);
    // The audit trail's own bookkeeping aside, no query names a personal column or takes all.
    for (const sql of queries.filter((q) => !q.includes('audit_log'))) {
      expect(sql).not.toMatch(/first_name|last_name|email|note|display_name|select \*|\.\*/);
    }
  });

  it('exports the same figures as CSV, hidden cells as <5, audited as an export, not a disclosure', async () => {
    const disclosures = await countRows(core, 'disclosures');
    const file = await call(core, 'stats.exportCsv', { year: 2026 });
    expect(file.mimeType).toBe('text/csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('Direct — individual,6736.67,7');
    expect(lines).toContain('Direct — group,<5,<5');
    expect(lines).toContain('Supervision — individual,suppressed,suppressed');
    expect(lines).toContain('Total met,<5');
    expect(text).not.toMatch(/Zed|example\.org|secret note/);
    // 180 minutes of group work must not appear anywhere, as hours or minutes.
    expect(text).not.toMatch(/(^|,)3\.00(,|$)|(^|,)180(,|$)/m);
    const [last] = await call(core, 'audit.list', { action: 'export', limit: 1 });
    expect(last).toMatchObject({ entity: 'statistics', subjectId: null });
    expect(await countRows(core, 'disclosures')).toBe(disclosures);
  });

  it('leaves out a person the moment they withdraw', async () => {
    await call(core, 'privacy.consents.set', {
      personType: 'worker',
      personId: w.E as number,
      purpose: 'statistics',
      granted: false,
    });
    const s = await call(core, 'stats.practice', {});
    expect(s.consenting).toBe(7);
    expect(s.notConsenting).toBe(2);
    const cat = Object.fromEntries(s.byCategory.rows.map((r) => [r.key, r]));
    expect(cat.direct_individual).toMatchObject({ value: 6 * 600 + 400_000, people: 6 });
    // Supervision now has four people: hidden for that reason, and two hidden cells need no third.
    expect(cat.supervision_individual?.suppressed).toBe('small');
    expect(cat.direct_group?.suppressed).toBe('small');
    expect(s.byCategory.total).toEqual({
      value: 6 * 600 + 400_000 + 240 + 180,
      people: 6,
      suppressed: null,
    });
    expect(s.progress.total.value).toBe(7);
  });

  it('lets every role read the statistics, which name no one', async () => {
    const worker = await call(core, 'users.create', {
      username: 'zeda',
      displayName: 'Zed A',
      role: 'worker',
      workerId: w.A,
      password: 'worker password 1',
    });
    const res = await callAs(core, owner, asSession(worker), 'stats.practice', {});
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res)).not.toMatch(/Zed|example\.org/);
  });
});

describe('anonymous surveys', () => {
  let core: TempCore;
  let owner: SessionUser;
  const clock = fakeClock('2026-11-20T10:00:00');
  const people: SessionUser[] = [];
  let outsider: SessionUser;
  let surveyId: number;

  const answerAs = (u: SessionUser, answers: (number | string | null)[], id = surveyId) =>
    callAs(core, owner, u, 'surveys.answer', { id, answers });

  beforeAll(async () => {
    core = await openTempCore(clock);
    owner = core.services.session.user() as SessionUser;
    for (let i = 0; i < 21; i++) {
      const worker = await call(core, 'workers.create', {
        firstName: 'Person',
        lastName: `Number${i}`,
        email: `p${i}@example.org`,
        startDate: '2026-01-05',
      });
      const user = await call(core, 'users.create', {
        username: `person${i}`,
        displayName: `Person ${i}`,
        role: 'worker',
        workerId: worker.id,
        password: 'worker password 1',
      });
      // The last one never agrees to be surveyed.
      if (i < 20) {
        await call(core, 'privacy.consents.set', {
          personType: 'worker',
          personId: worker.id,
          purpose: 'surveys',
          granted: true,
        });
        people.push(asSession(user));
      } else outsider = asSession(user);
    }
    // Each account's password is hashed with the real (slow) key derivation.
  }, 120_000);
  afterAll(() => core.dispose());

  it('checks a survey and keeps a draft from being answered', async () => {
    const bad = await core.invoke('surveys.create', {
      title: ' ',
      questions: [{ kind: 'choice', text: 'Which?', options: ['Only one'] }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fields: { title: 'Required', 'questions.0.options': 'Give at least 2 options' },
      },
    });
    const onlyComment = await core.invoke('surveys.create', {
      title: 'Words',
      questions: [{ kind: 'comment', text: 'Say anything' }],
    });
    expect(onlyComment).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await countRows(core, 'surveys')).toBe(0);

    const survey = await call(core, 'surveys.create', {
      title: 'Supervision this autumn',
      questions: [
        { kind: 'rating', text: 'How useful is supervision?' },
        { kind: 'choice', text: 'How often do you meet?', options: ['Weekly', 'Monthly'] },
        { kind: 'comment', text: 'Anything else?' },
      ],
    });
    surveyId = survey.id;
    expect(survey).toMatchObject({ status: 'draft', answered: 0 });
    const early = await answerAs(people[0] as SessionUser, [5, 0, null]);
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const opened = await call(core, 'surveys.open', { id: surveyId });
    expect(opened).toMatchObject({ status: 'open', openedOn: '2026-11-20' });
    const changed = await core.invoke('surveys.update', {
      id: surveyId,
      title: 'Changed',
      questions: [{ kind: 'rating', text: 'Q' }],
    });
    expect(changed).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('asks only those who agreed to surveys', async () => {
    const list = await callAs(core, owner, outsider, 'surveys.list', {});
    expect(list).toMatchObject({ ok: true, value: { canAnswer: false, surveys: [] } });
    const refused = await answerAs(outsider, [5, 0, null]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const mine = await callAs(core, owner, people[0] as SessionUser, 'surveys.list', {});
    expect(mine).toMatchObject({
      ok: true,
      value: { canAnswer: true, surveys: [{ id: surveyId, answeredByMe: false, answered: null }] },
    });
  });

  it('holds the results back while open and below 5 answers, for the owner too', async () => {
    const before = await countRows(core, 'audit_log');
    // Answer in an order unrelated to the user ids, over several days.
    const order = [7, 2, 15, 0, 11, 19, 4, 9, 13, 1, 18, 6, 3, 16, 10, 8, 14, 5, 17, 12];
    for (const [n, i] of order.entries()) {
      if (n === 4) {
        const waiting = await core.invoke('surveys.results', { id: surveyId });
        expect(waiting).toMatchObject({
          ok: false,
          error: {
            code: 'conflict',
            message:
              "Results appear when the survey is closed, so no one's answers can be told from the change they make (4 answered so far; at least 5 are needed).",
          },
        });
      }
      if (n === 10) clock.advance(24 * 3600 * 1000);
      const res = await answerAs(people[i] as SessionUser, [(n % 5) + 1, n % 2, `comment ${n}`]);
      expect(res, JSON.stringify(res)).toMatchObject({ ok: true, value: { answeredByMe: true } });
      if (n === 4) {
        // Five answered, but results that changed with each answer would give each one away.
        const open = await core.invoke('surveys.results', { id: surveyId });
        expect(open).toMatchObject({
          ok: false,
          error: { code: 'conflict', message: expect.stringContaining('(5 answered so far)') },
        });
      }
    }
    // Answering writes nothing to the audit trail (see main/services/privacy/surveys.ts).
    expect(await countRows(core, 'audit_log')).toBe(before);
    const list = await call(core, 'surveys.list', {});
    expect(list.surveys[0]?.answered).toBe(20);

    await call(core, 'surveys.close', { id: surveyId });
    const results = await call(core, 'surveys.results', { id: surveyId });
    expect(results.answered).toBe(20);
    // Ratings (n % 5) + 1 for n = 0..19: four of each.
    expect(results.questions[0]).toMatchObject({ counts: [4, 4, 4, 4, 4], mean: 3 });
    expect(results.questions[1]).toMatchObject({
      options: [
        { label: 'Weekly', count: 10 },
        { label: 'Monthly', count: 10 },
      ],
    });
    const comments = results.questions[2];
    expect(comments?.kind === 'comment' && [...(comments.comments ?? [])].sort()).toEqual(
      [...Array(20).keys()].map((k) => `comment ${k}`).sort(),
    );

    // Stored order follows the random key, not the order of answering. SQLite reads a WITHOUT
    // ROWID table in key order; a PostgreSQL heap in about the order written, which ctid shows.
    const storedSql = onPostgres()
      ? 'SELECT token, answers_json FROM survey_answers WHERE survey_id = ? ORDER BY ctid'
      : 'SELECT token, answers_json FROM survey_answers';
    const stored = (
      await rawRows<{ token: string; answers_json: string }>(
        core.db,
        storedSql,
        onPostgres() ? [surveyId] : [],
      )
    ).map((r) => ({ token: r.token, n: Number(/comment (\d+)/.exec(r.answers_json)?.[1]) }));
    expect(stored).toHaveLength(20);
    expect(stored.map((r) => r.token)).toEqual(stored.map((r) => r.token).sort());
    expect(stored.map((r) => r.n)).not.toEqual([...Array(20).keys()]);
    expect(new Set(stored.map((r) => r.token)).size).toBe(20);
    for (const r of stored) expect(r.token).toMatch(/^[0-9a-f]{32}$/);

    // Participants are stored by user id, not in the order they answered.
    const participantsSql = onPostgres()
      ? 'SELECT survey_id, user_id FROM survey_participants WHERE survey_id = ? ORDER BY ctid'
      : 'SELECT survey_id, user_id FROM survey_participants';
    const participants = await rawRows<{ user_id: number }>(
      core.db,
      participantsSql,
      onPostgres() ? [surveyId] : [],
    );
    const ids = participants.map((p) => Number(p.user_id));
    expect(ids).toHaveLength(20);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).not.toEqual(order.map((i) => people[i]?.id));

    if (onPostgres()) {
      // Nor does the transaction that wrote each row: every row of the survey, answers and
      // participants alike, carries the xmin of the last answer's rewrite.
      const writers = await rawRows<{ xmin: string }>(
        core.db,
        `SELECT DISTINCT CAST(xmin AS TEXT) AS xmin FROM (
           SELECT xmin FROM survey_answers WHERE survey_id = ?
           UNION ALL SELECT xmin FROM survey_participants WHERE survey_id = ?) AS t`,
        [surveyId, surveyId],
      );
      expect(writers).toHaveLength(1);
    }
  });

  it('stores answers with no user id and no time finer than the day', async () => {
    const columns = (table: string) => columnNames(core.db, table);
    expect(await columns('survey_answers')).toEqual([
      'token',
      'survey_id',
      'answered_on',
      'answers_json',
    ]);
    expect(await columns('survey_participants')).toEqual(['survey_id', 'user_id']);
    // WITHOUT ROWID: there is no hidden insertion counter to sort by (PostgreSQL has no rowid).
    await expect(core.db.raw('SELECT rowid FROM survey_answers')).rejects.toThrow(/rowid/);
    await expect(core.db.raw('SELECT rowid FROM survey_participants')).rejects.toThrow(/rowid/);

    const rows = (await core.db('survey_answers').select()) as Record<string, unknown>[];
    const userIds = new Set(people.map((p) => String(p.id)));
    for (const r of rows) {
      expect(r.answered_on).toMatch(/^2026-11-2[01]$/);
      expect(Object.keys(r).sort()).toEqual(['answered_on', 'answers_json', 'survey_id', 'token']);
      const values = JSON.parse(String(r.answers_json)) as unknown[];
      expect(values).toHaveLength(3);
      expect(userIds.has(String(r.token))).toBe(false);
    }
  });

  it('takes one answer per person; a second is refused and writes nothing', async () => {
    const once = await call(core, 'surveys.create', {
      title: 'Once each',
      questions: [{ kind: 'rating', text: 'Rate' }],
    });
    await call(core, 'surveys.open', { id: once.id });
    await answerAs(people[3] as SessionUser, [4], once.id);
    const answers = await countRows(core, 'survey_answers');
    const participants = await countRows(core, 'survey_participants');
    const again = await answerAs(people[3] as SessionUser, [1], once.id);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'You have already answered this survey.' },
    });
    expect(await countRows(core, 'survey_answers')).toBe(answers);
    expect(await countRows(core, 'survey_participants')).toBe(participants);
  });

  it('refuses a wrong answer by field, and any answer once closed', async () => {
    const other = await call(core, 'surveys.create', {
      title: 'Second',
      questions: [{ kind: 'rating', text: 'Rate' }],
    });
    await call(core, 'surveys.open', { id: other.id });
    const wrong = await answerAs(people[0] as SessionUser, [9], other.id);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { 'answers.0': 'Choose a rating from 1 to 5' } },
    });
    expect(await core.db('survey_participants').where({ survey_id: other.id })).toHaveLength(0);
    await call(core, 'surveys.close', { id: other.id });
    const late = await answerAs(people[0] as SessionUser, [3], other.id);
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const results = await core.invoke('surveys.results', { id: other.id });
    expect(results).toMatchObject({
      ok: false,
      error: { message: 'Results appear once 5 people have answered (0 so far).' },
    });
  });
});
