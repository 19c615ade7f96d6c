import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import {
  call,
  createAccount,
  OTTO,
  seedPractice,
  signedInUser,
  signInAs,
} from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const PDF = Buffer.from('%PDF-1.4\n% a tiny certificate\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** Every certificate download names who the file is for and why (it is a disclosure). */
const TO_SELF = { recipient: 'Myself', purpose: 'Own copy' };
const upload = (bytes: Buffer, mimeType = 'application/pdf', name = 'certificate.pdf') => ({
  name,
  mimeType,
  base64: bytes.toString('base64'),
});

describe('continuing education against a real SQLite file', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>> & {
    otherSup: number;
    otherWorker: number;
    users: { owner: SessionUser; supervisor: SessionUser; worker: SessionUser };
  };
  const clock = fakeClock('2026-11-20T10:00:00');

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
    const base = await seedPractice(core);
    const otherSup = await call(core, 'supervisors.create', {
      ...OTTO,
      licenseExpires: '2029-01-31',
    });
    const otherWorker = await call(core, 'workers.create', {
      firstName: 'Olga',
      lastName: 'Outside',
      email: 'olga@example.org',
      registrationExpires: '2027-03-31',
      startDate: '2026-01-05',
    });
    const user = (
      username: string,
      role: 'supervisor' | 'worker',
      link: { workerId: number } | { supervisorId: number },
    ) => createAccount(core, username, role, link, { password: OWNER.password });
    const owner = signedInUser(core);
    ids = {
      ...base,
      otherSup: otherSup.id,
      otherWorker: otherWorker.id,
      users: {
        owner,
        supervisor: await user('maria', 'supervisor', { supervisorId: base.supervisor.id }),
        worker: await user('sam', 'worker', { workerId: base.worker.id }),
      },
    };
  });
  afterEach(() => core.dispose());

  const as = (who: keyof typeof ids.users) => signInAs(core, ids.users[who]);
  const refusal = async <K extends ApiName>(name: K, input: ApiInput<K>) => {
    const res = await core.invoke(name, input);
    if (res.ok) throw new Error(`${name} should have been refused`);
    return res.error;
  };
  const count = async (table: string) =>
    Number(((await core.db(table).count({ n: '*' }).first()) as { n: number }).n);
  const supervisorRecord = (over: Partial<ApiInput<'ce.create'>> = {}): ApiInput<'ce.create'> => ({
    personType: 'supervisor',
    personId: ids.supervisor.id,
    title: 'California law and ethics update',
    provider: 'CAMFT',
    date: '2026-09-12',
    minutes: 360,
    category: 'law_ethics',
    ...over,
  });

  it('tracks a licensee through a preset cycle, with certificates kept and audited', async () => {
    // Maria's license expires 2028-06-30: the two-year cycle runs from 2026-07-01.
    const cycle = await call(core, 'ce.cycles.save', {
      personType: 'supervisor',
      personId: ids.supervisor.id,
      preset: 'ca-licensee',
      startDate: '2026-07-01',
      endDate: '2028-06-30',
    });
    expect(cycle).toMatchObject({ requiredMinutes: 2160, lawEthicsMinutes: 360 });

    const ethics = await call(
      core,
      'ce.create',
      supervisorRecord({ certificate: upload(PDF, 'application/pdf', ' ethics.pdf ') }),
    );
    expect(ethics).toMatchObject({
      hasCertificate: true,
      certificateName: 'ethics.pdf',
      certificateType: 'application/pdf',
    });
    // Before the cycle: listed, not counted.
    await call(
      core,
      'ce.create',
      supervisorRecord({ title: 'Old course', date: '2026-06-30', category: 'general' }),
    );
    await call(
      core,
      'ce.create',
      supervisorRecord({ title: 'Supervision training', category: 'supervision', minutes: 900 }),
    );

    const status = await call(core, 'ce.status', {
      personType: 'supervisor',
      personId: ids.supervisor.id,
    });
    expect(status).toMatchObject({
      status: 'in-progress',
      countedMinutes: 1260,
      lawEthicsMinutes: 360,
      remainingMinutes: 900,
      remainingLawEthicsMinutes: 0,
      dueDate: '2028-06-30',
      daysLeft: 588,
    });

    const list = await call(core, 'ce.list', {
      personType: 'supervisor',
      personId: ids.supervisor.id,
    });
    // Newest first; on the same date, the last entered first.
    expect(list.map((r) => r.title)).toEqual([
      'Supervision training',
      'California law and ethics update',
      'Old course',
    ]);
    expect(list[0]).not.toHaveProperty('certificate');

    const file = await call(core, 'ce.certificate', { id: ethics.id, ...TO_SELF });
    expect(file).toEqual({
      fileName: 'ethics.pdf',
      mimeType: 'application/pdf',
      base64: PDF.toString('base64'),
    });

    const trail = await call(core, 'audit.list', { subjectType: 'supervisor', limit: 20 });
    const ce = trail.filter((r) => r.entity === 'ce_records' || r.entity === 'ce_cycles');
    expect(ce.map((r) => r.action)).toEqual([
      'export',
      'view',
      'create',
      'create',
      'create',
      'create',
    ]);
    expect(ce.every((r) => r.subjectId === ids.supervisor.id)).toBe(true);
    // The trail holds the record, never the certificate's bytes.
    expect(JSON.stringify(ce)).not.toContain(PDF.toString('base64'));
  });

  it('keeps, replaces and removes a certificate on update', async () => {
    const r = await call(core, 'ce.create', supervisorRecord({ certificate: upload(PDF) }));
    const { title, provider, date, minutes, category } = supervisorRecord();
    const fields = { title, provider, date, minutes, category };
    const id = r.id;
    const kept = await call(core, 'ce.update', { id, ...fields, minutes: 420 });
    expect(kept).toMatchObject({ id: r.id, minutes: 420, hasCertificate: true });

    await call(core, 'ce.update', {
      id,
      ...fields,
      certificate: upload(PNG, 'image/png', 'scan.png'),
    });
    expect(await call(core, 'ce.certificate', { id, ...TO_SELF })).toMatchObject({
      fileName: 'scan.png',
      mimeType: 'image/png',
      base64: PNG.toString('base64'),
    });

    const removed = await call(core, 'ce.update', { id, ...fields, certificate: null });
    expect(removed).toMatchObject({ hasCertificate: false, certificateName: null });
    expect((await refusal('ce.certificate', { id, ...TO_SELF })).code).toBe('not_found');
  });

  it('a person’s own certificate downloads without a recipient, as their own access; anyone else’s asks', async () => {
    const r = await call(core, 'ce.create', supervisorRecord({ certificate: upload(PDF) }));
    const before = await count('disclosures');
    // The owner making a file of Maria's certificate is disclosing it: both fields asked.
    expect(await refusal('ce.certificate', { id: r.id })).toMatchObject({
      code: 'validation',
      fields: { recipient: 'Required', purpose: 'Required' },
    });
    as('supervisor');
    const file = await call(core, 'ce.certificate', { id: r.id });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await count('disclosures')).toBe(before);
    const audited = await core
      .db('audit_log')
      .orderBy('id', 'desc')
      .first('action', 'actor', 'detail');
    expect(audited).toMatchObject({ action: 'export', actor: 'maria' });
    expect(audited?.detail).toMatch(/\(the person's own copy\)$/);
    // A worker is not the supervisor: Sam may not take Maria's certificate at all.
    as('worker');
    expect((await refusal('ce.certificate', { id: r.id })).code).toBe('forbidden');
  });

  it('logs each certificate download as a disclosure of the CE record, in its file format', async () => {
    const r = await call(core, 'ce.create', supervisorRecord({ certificate: upload(PDF) }));
    const before = await count('disclosures');
    const auditBefore = await count('audit_log');
    // No recipient: a field error, no file, and nothing logged.
    const refused = await core.invoke('ce.certificate', { id: r.id, recipient: ' ', purpose: 'x' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { recipient: 'Required' } },
    });
    expect(await count('disclosures')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);

    await call(core, 'ce.certificate', {
      id: r.id,
      recipient: 'California BBS',
      purpose: 'CE audit',
    });
    const { title, provider, date, minutes, category } = supervisorRecord();
    await call(core, 'ce.update', {
      id: r.id,
      ...{ title, provider, date, minutes, category },
      certificate: upload(PNG, 'image/png', 'scan.png'),
    });
    await call(core, 'ce.certificate', { id: r.id, ...TO_SELF });
    const rows = (await core
      .db('disclosures')
      .orderBy('id')
      .offset(before)
      .select(
        'person_type',
        'person_id',
        'recipient',
        'purpose',
        'categories',
        'format',
        'document',
      )) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        person_type: 'supervisor',
        person_id: ids.supervisor.id,
        recipient: 'California BBS',
        purpose: 'CE audit',
        categories: '["ce"]',
        format: 'pdf',
        document: 'ce-certificate',
      },
      expect.objectContaining({ recipient: 'Myself', format: 'png' }),
    ]);
    // The person sees it among the disclosures of their record.
    const seen = await call(core, 'privacy.disclosures.list', {
      personType: 'supervisor',
      personId: ids.supervisor.id,
    });
    expect(seen.map((d) => d.document)).toEqual(['ce-certificate', 'ce-certificate']);
  });

  it('refuses a bad certificate on the certificate field and writes nothing', async () => {
    const before = await count('ce_records');
    const auditBefore = await count('audit_log');
    const cases: [unknown, string][] = [
      [upload(PNG, 'application/pdf'), "The file's contents are not a PDF"],
      [upload(PDF, 'image/jpeg'), "The file's contents are not a JPEG"],
      [upload(Buffer.from('GIF89a'), 'image/gif', 'a.gif'), 'Attach a PDF, PNG or JPEG file'],
      [upload(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])), 'The file is larger than 5 MB'],
      [
        { name: 'x.pdf', mimeType: 'application/pdf', base64: '%%%not base64' },
        'The file could not be read; attach it again',
      ],
      [{ name: 'x.pdf' }, 'Attach a PDF, PNG or JPEG file'],
      [{ ...upload(PDF), name: '   ' }, 'The file has no name'],
    ];
    for (const [certificate, message] of cases) {
      const err = await refusal('ce.create', {
        ...supervisorRecord(),
        certificate: certificate as ApiInput<'ce.create'>['certificate'],
      });
      expect(err.code).toBe('validation');
      expect(err.fields).toEqual({ certificate: message });
    }
    expect(await count('ce_records')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('names the field and reason for bad record input', async () => {
    const bad = async (over: Record<string, unknown>) =>
      (await refusal('ce.create', { ...supervisorRecord(), ...over } as ApiInput<'ce.create'>))
        .fields;
    expect(await bad({ minutes: 0 })).toEqual({ minutes: 'Must be at least 1 minute' });
    expect(await bad({ minutes: 90.5 })).toEqual({ minutes: 'Must be whole minutes' });
    expect(await bad({ minutes: 100 * 60 + 1 })).toEqual({ minutes: 'Must be at most 100 hours' });
    expect(await bad({ title: '  ' })).toEqual({ title: 'Required' });
    expect(await bad({ category: 'ethics' })).toEqual({ category: 'Choose a category' });
    expect(await bad({ date: '2026-11-21' })).toEqual({ date: 'The date is in the future' });
    expect(await bad({ date: '2026-02-30' })).toEqual({
      date: 'Enter a real date: day, month and year',
    });
    expect((await refusal('ce.list', { personType: 'worker', personId: 999 })).code).toBe(
      'not_found',
    );
    expect(await count('ce_records')).toBe(0);
  });

  it('checks cycles: order of dates, overlap, preset figures, law & ethics within the total', async () => {
    const person = { personType: 'worker' as const, personId: ids.worker.id };
    const save = (over: Partial<ApiInput<'ce.cycles.save'>>) =>
      core.invoke('ce.cycles.save', {
        ...person,
        preset: 'ca-associate',
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        ...over,
      });
    const first = await save({});
    expect(first).toMatchObject({
      ok: true,
      value: { requiredMinutes: 180, lawEthicsMinutes: 180, preset: 'ca-associate' },
    });
    const fields = async (over: Partial<ApiInput<'ce.cycles.save'>>) => {
      const res = await save(over);
      return res.ok ? null : res.error.fields;
    };
    expect(await fields({ startDate: '2027-03-01', endDate: '2028-02-29' })).toEqual({
      startDate: 'Overlaps the cycle 2026-04-01 to 2027-03-31',
    });
    expect(await fields({ startDate: '2027-04-01', endDate: '2027-04-01' })).toEqual({
      endDate: 'Must be after the start date',
    });
    expect(
      await fields({ startDate: '2027-04-01', endDate: '2028-03-31', requiredMinutes: 600 }),
    ).toEqual({ requiredMinutes: 'This preset requires 3 h; choose Custom to change it' });
    expect(
      await fields({ preset: 'custom', startDate: '2027-04-01', endDate: '2028-03-31' }),
    ).toEqual({ requiredMinutes: 'Required', lawEthicsMinutes: 'Required' });
    expect(
      await fields({
        preset: 'custom',
        startDate: '2027-04-01',
        endDate: '2028-03-31',
        requiredMinutes: 120,
        lawEthicsMinutes: 180,
      }),
    ).toEqual({ lawEthicsMinutes: 'Cannot be more than the total hours required' });

    // Editing the one cycle does not clash with itself; the next year follows on.
    const id = first.ok ? (first.value as { id: number }).id : 0;
    expect((await save({ id, endDate: '2027-03-30' })).ok).toBe(true);
    const custom = await save({
      preset: 'custom',
      startDate: '2027-03-31',
      endDate: '2028-03-31',
      requiredMinutes: 600,
      lawEthicsMinutes: 180,
    });
    expect(custom.ok).toBe(true);
    const cycles = await call(core, 'ce.cycles.list', person);
    expect(cycles.map((c) => [c.startDate, c.endDate, c.requiredMinutes])).toEqual([
      ['2026-04-01', '2027-03-30', 180],
      ['2027-03-31', '2028-03-31', 600],
    ]);
    expect((await save({ id, personId: ids.otherWorker, endDate: '2027-03-30' })).ok).toBe(false);
    await call(core, 'ce.cycles.delete', { id });
    expect(await call(core, 'ce.cycles.list', person)).toHaveLength(1);
    const trail = await call(core, 'audit.list', { subjectType: 'worker', limit: 10 });
    expect(trail.filter((r) => r.entity === 'ce_cycles').map((r) => r.action)).toEqual([
      'delete',
      'create',
      'update',
      'create',
    ]);
  });

  it('lets a supervisor act on their own record and their supervisees, and nobody else', async () => {
    const own = { personType: 'supervisor' as const, personId: ids.supervisor.id };
    const other = { personType: 'supervisor' as const, personId: ids.otherSup };
    const otherRecord = await call(core, 'ce.create', supervisorRecord({ personId: ids.otherSup }));

    as('supervisor');
    const mine = await call(core, 'ce.create', supervisorRecord());
    expect(mine.personId).toBe(ids.supervisor.id);
    await call(core, 'ce.create', {
      ...supervisorRecord(),
      personType: 'worker',
      personId: ids.worker.id,
    });
    expect(await call(core, 'ce.status', own)).toMatchObject({ status: 'no-cycle' });

    for (const [name, input] of [
      ['ce.list', other],
      ['ce.status', other],
      ['ce.cycles.list', other],
      ['ce.create', supervisorRecord({ personId: ids.otherSup })],
      [
        'ce.update',
        {
          id: otherRecord.id,
          title: 'x',
          provider: 'y',
          date: '2026-09-01',
          minutes: 60,
          category: 'general',
        },
      ],
      ['ce.delete', { id: otherRecord.id }],
      ['ce.certificate', { id: otherRecord.id, ...TO_SELF }],
      ['ce.list', { personType: 'worker', personId: ids.otherWorker }],
    ] as [ApiName, unknown][]) {
      const res = await core.invoke(name, input);
      expect(res.ok ? 'allowed' : res.error.code, name).toBe('forbidden');
    }
    expect(
      (
        await refusal('ce.cycles.save', {
          ...own,
          preset: 'ca-licensee',
          startDate: '2026-07-01',
          endDate: '2028-06-30',
        })
      ).code,
    ).toBe('forbidden');

    const overview = await call(core, 'ce.overview', {});
    expect(overview.map((r) => [r.personType, r.name])).toEqual([
      ['supervisor', 'Maria Lopez'],
      ['worker', 'Sam Chen'],
    ]);

    as('owner');
    const refused = await call(core, 'audit.list', { action: 'forbidden', limit: 20 });
    expect(refused.map((r) => r.detail)).toContain(
      `ce.list: supervisor ${ids.otherSup} is outside the caller's scope`,
    );
    expect(refused.map((r) => r.detail)).toContain(
      `ce.delete: supervisor ${ids.otherSup} is outside the caller's scope`,
    );
    expect(await call(core, 'ce.list', other)).toHaveLength(1);
    const all = await call(core, 'ce.overview', {});
    expect(all.map((r) => r.name)).toEqual([
      'Maria Lopez',
      'Otto Other',
      'Sam Chen',
      'Olga Outside',
    ]);
  });

  it('lets a worker act on their own record only', async () => {
    as('worker');
    const own = { personType: 'worker' as const, personId: ids.worker.id };
    const r = await call(core, 'ce.create', {
      ...supervisorRecord(),
      ...own,
      minutes: 180,
      certificate: upload(PDF),
    });
    expect((await call(core, 'ce.certificate', { id: r.id, ...TO_SELF })).fileName).toBe(
      'certificate.pdf',
    );
    for (const input of [
      { personType: 'supervisor' as const, personId: ids.supervisor.id },
      { personType: 'worker' as const, personId: ids.otherWorker },
    ]) {
      expect((await refusal('ce.list', input)).code).toBe('forbidden');
      expect((await refusal('ce.status', input)).code).toBe('forbidden');
    }
    expect((await refusal('ce.overview', {})).code).toBe('forbidden');
    await call(core, 'ce.delete', { id: r.id });
    expect(await call(core, 'ce.list', own)).toEqual([]);
  });

  it('moves from due-soon to overdue as the clock passes the end of the cycle', async () => {
    const person = { personType: 'worker' as const, personId: ids.otherWorker };
    await call(core, 'ce.cycles.save', {
      ...person,
      preset: 'ca-associate',
      startDate: '2026-04-01',
      endDate: '2027-01-31',
    });
    const status = () => call(core, 'ce.status', person);
    expect(await status()).toMatchObject({ status: 'due-soon', daysLeft: 72 });
    clock.set('2027-02-01T09:00:00');
    expect(await status()).toMatchObject({ status: 'overdue', daysLeft: -1 });
    await call(core, 'ce.create', {
      ...supervisorRecord(),
      ...person,
      date: '2027-01-31',
      minutes: 180,
    });
    expect(await status()).toMatchObject({ status: 'compliant', met: true });
  });
});
