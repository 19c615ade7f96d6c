import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api/bridge.js';
import type { ReportFile } from '../../shared/domain/reports.js';
import { verificationCode } from '../../main/platform/signing.js';
import { setDateLocale } from '../../shared/domain/format.js';
import { call, createAccount, seedPractice, addSeededHours } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/** Every export names who it is for and why (the disclosure log). */
const TO_BBS = { recipient: 'California BBS', purpose: 'Licensure application' };

/** The PDF's text as pdftotext reads it, whitespace collapsed so wrapped lines compare simply. */
function pdfText(core: TempCore, file: ReportFile, name: string): string {
  const path = join(core.folder, name);
  writeFileSync(path, Buffer.from(file.base64, 'base64'));
  const raw = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return raw.replace(/\s+/g, ' ');
}

/** Renders page 1 at 60 dpi; set HOURKEEP_KEEP_PNG=1 to keep a copy in .tmp/screenshots. */
function firstPagePng(core: TempCore, name: string): string {
  const pdf = join(core.folder, name);
  const prefix = join(core.folder, name.replace(/\.pdf$/, ''));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  const png = `${prefix}.png`;
  if (process.env.HOURKEEP_KEEP_PNG) {
    mkdirSync('.tmp/screenshots', { recursive: true });
    copyFileSync(png, join('.tmp/screenshots', `report-${name.replace(/\.pdf$/, '')}.png`));
  }
  return png;
}

describe('report PDFs against a real database', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  const clock = fakeClock('2026-11-20T15:00:00');
  const events: AppEvent[] = [];

  beforeEach(async () => {
    clock.set('2026-11-20T15:00:00');
    core = await openTempCore(clock);
    ids = await seedPractice(core);
    events.length = 0;
    core.onEvent((e) => events.push(e));
    const add = (date: string, category: string, minutes: number, note?: string) =>
      addSeededHours(core, ids, date, category, minutes, note);
    await add('2026-11-16', 'direct_individual', 50, 'Intake, new client');
    await add('2026-11-17', 'supervision_individual', 60);
    await add('2026-11-18', 'direct_family', 90, 'Family session');
    await add('2026-11-09', 'direct_group', 120); // the week before
  });
  afterEach(() => core.dispose());

  async function approveWeek(weekStart: string) {
    await call(core, 'weeks.submit', { workerId: ids.worker.id, weekStart });
    const user = await createAccount(
      core,
      'maria',
      'supervisor',
      { supervisorId: ids.supervisor.id },
      { displayName: 'Maria Lopez' },
    );
    const owner = core.services.session.user();
    core.services.session.signIn(user);
    await call(core, 'weeks.approve', {
      workerId: ids.worker.id,
      weekStart,
      password: 'maria password 1',
    });
    if (owner) core.services.session.signIn(owner);
  }

  it('prints an approved week with its entries, totals and the signature stamp', async () => {
    await approveWeek('2026-11-16');
    const sig = (await core.db('week_signatures').first('signature', 'key_fingerprint')) as {
      signature: string;
      key_fingerprint: string;
    };

    const file = await call(core, 'reports.weeklyLog', {
      ...TO_BBS,
      workerId: ids.worker.id,
      weekStart: '2026-11-18',
    });
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toBe('weekly-log-chen-sam-2026-11-16.pdf');
    expect(file.pages).toBe(1);
    const text = pdfText(core, file, 'approved.pdf');

    expect(text).toContain('Weekly log of supervised experience');
    expect(text).toContain('Lakeside Family Therapy');
    expect(text).toContain('Sam Chen, Associate MFT');
    expect(text).toContain('AMFT1001');
    expect(text).toContain('Week Monday 16 November 2026 to Sunday 22 November 2026');
    expect(text).toContain('Status Approved (version 1)');
    expect(text).toContain('Intake, new client');
    expect(text).toContain('Downtown Clinic');
    expect(text).toContain('Maria Lopez');
    // 50 + 60 + 90 minutes; the previous week's 120 minutes are not in this log.
    expect(text).toContain('Total 3.33 h');
    expect(text).toMatch(/Direct — individual 0\.83/);
    expect(text).toMatch(/Direct — couples, family, children 1\.50/);
    expect(text).not.toContain('2.00');
    // One Ed25519 signature block per signer (issue 16): fingerprint and verification code.
    expect(text).toContain(
      'Electronically signed by Maria Lopez, LMFT LMFT12345 (CA), on 20 Nov 2026, 15:00; version 1.',
    );
    expect(text).toContain(`Verification code ${verificationCode(sig.signature)} · Ed25519`);
    expect(text).toContain(`key fingerprint ${sig.key_fingerprint}`);
    expect(text).not.toContain('— signature');

    const png = firstPagePng(core, 'approved.pdf');
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5000);

    const [audit] = await call(core, 'audit.list', { action: 'export', limit: 1 });
    expect(audit?.detail).toBe('Weekly log PDF, week of 2026-11-16');
    expect(audit?.subjectId).toBe(ids.worker.id);
    expect(events.filter((e) => e.type === 'progress' && e.task === 'pdf').at(-1)).toEqual({
      type: 'progress',
      task: 'pdf',
      done: 2,
      total: 2,
    });
  });

  it('writes dates in the workstation’s locale order, also from the PDF’s worker thread', async () => {
    await approveWeek('2026-11-16');
    setDateLocale('en-US');
    try {
      const file = await call(core, 'reports.weeklyLog', {
        ...TO_BBS,
        workerId: ids.worker.id,
        weekStart: '2026-11-16',
      });
      const text = pdfText(core, file, 'approved-en-us.pdf');
      expect(text).toContain('Week Monday, November 16, 2026 to Sunday, November 22, 2026');
      expect(text).toContain('on Nov 20, 2026, 3:00 PM; version 1.');
      expect(text).not.toContain('16 November 2026');
    } finally {
      setDateLocale('en-GB');
    }
  });

  it('prints signature lines for a week nobody has signed', async () => {
    const file = await call(core, 'reports.weeklyLog', {
      ...TO_BBS,
      workerId: ids.worker.id,
      weekStart: '2026-11-09',
    });
    const text = pdfText(core, file, 'draft.pdf');
    expect(text).toContain('Status Draft');
    expect(text).toContain('Worker: Sam Chen — signature');
    expect(text).toContain('Supervisor — signature');
    expect(text).not.toContain('Electronically signed');
    expect(text).toContain('Total 2.00 h');
    expect(text).toContain('No hours logged');
  });

  it('summarises experience per supervisor and site with the verification form figures', async () => {
    const north = await call(core, 'sites.create', { name: 'North Office', address: '9 Elm Rd' });
    const kim = await call(core, 'supervisors.create', {
      firstName: 'Dana',
      lastName: 'Kim',
      email: 'dana@example.org',
      licenseType: 'LCSW',
      licenseNumber: 'LCS 777',
      licenseState: 'CA',
      licenseExpires: '2029-01-31',
    });
    await call(core, 'assignments.create', {
      workerId: ids.worker.id,
      supervisorId: kim.id,
      siteId: north.id,
      startDate: '2026-10-01',
    });
    await call(core, 'hours.add', {
      workerId: ids.worker.id,
      siteId: north.id,
      supervisorId: kim.id,
      date: '2026-10-06',
      category: 'supervision_group',
      minutes: 120,
    });
    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: 'ca-bbs-lmft' });

    const file = await call(core, 'reports.experienceSummary', {
      ...TO_BBS,
      workerId: ids.worker.id,
    });
    expect(file.fileName).toBe('experience-summary-chen-sam.pdf');
    expect(file.pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(core, file, 'summary.pdf');

    expect(text).toContain('Summary of supervised experience');
    // Maria Lopez at Downtown Clinic: 50 + 60 + 90 + 120 minutes over 2 weeks, Nov 9 to Nov 18.
    expect(text).toContain('Maria Lopez at Downtown Clinic');
    expect(text).toContain('Supervisor license LMFT LMFT12345, CA, expires 30 June 2028');
    expect(text).toContain('Work setting Downtown Clinic, 12 Main St');
    expect(text).toContain('Dates of experience 9 November 2026 to 18 November 2026');
    expect(text).toContain('Weeks of experience 2');
    expect(text).toContain('Weeks with supervision 1');
    expect(text).toContain('Direct counseling — individual 0.83');
    expect(text).toContain('Direct counseling — couples, families and children 1.50');
    expect(text).toContain('Direct counseling — group 2.00');
    expect(text).toContain('Total direct counseling 4.33');
    expect(text).toContain('Supervision received — individual or triadic 1.00');
    expect(text).toContain('Total hours of experience 5.33');
    // Dana Kim at North Office: one group supervision of 2 h.
    expect(text).toContain('Dana Kim at North Office');
    expect(text).toContain('Supervisor license LCSW LCS777, CA, expires 31 January 2029');
    expect(text).toContain('Dates of experience 6 October 2026 to 6 October 2026');
    expect(text).toContain('Supervision received — group 2.00');
    expect(text).toContain('Supervisor: Dana Kim — signature');
    expect(text).toContain('Supervisor: Maria Lopez — signature');
    expect(text).toMatch(/Progress toward .*LMFT/);
    firstPagePng(core, 'summary.pdf');

    const one = await call(core, 'reports.experienceSummary', {
      ...TO_BBS,
      workerId: ids.worker.id,
      supervisorId: kim.id,
      siteId: north.id,
    });
    const oneText = pdfText(core, one, 'one.pdf');
    expect(oneText).toContain('Dana Kim at North Office');
    expect(oneText).not.toContain('Maria Lopez at Downtown Clinic');
    expect(oneText).toContain('Total hours of experience 2.00');

    const [audit] = await call(core, 'audit.list', { action: 'export', limit: 1 });
    expect(audit?.detail).toBe('Experience summary PDF: Dana Kim at North Office');
  });

  it('refuses half a supervisor–site pair and an unknown worker with clear errors', async () => {
    const half = await core.invoke('reports.experienceSummary', {
      ...TO_BBS,
      workerId: ids.worker.id,
      supervisorId: ids.supervisor.id,
    });
    expect(half).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fields: { siteId: 'Choose both a supervisor and a site, or neither' },
      },
    });
    const nobody = await core.invoke('reports.weeklyLog', {
      ...TO_BBS,
      workerId: 999,
      weekStart: '2026-11-16',
    });
    expect(nobody).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
