import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFile } from '../../shared/domain/reports.js';
import { addDaysIso } from '../../shared/domain/dates.js';
import {
  call,
  createAccount,
  seedPractice,
  signedInUser,
  signInAs,
  addSeededHours,
} from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * How the report PDFs read on paper (issue 19): figures with thousands separators and never
 * wrapped, signatures on the page of the week they sign. Each PDF is read back with
 * `pdftotext -layout` and drawn to PNG with `pdftoppm`; HOURKEEP_KEEP_PNG=1 keeps the pages in
 * .tmp/screenshots/report-layout to look at.
 */
const TO_BBS = { recipient: 'California BBS', purpose: 'Licensure application' };
const NOTE =
  'Session with a new client; intake assessment, safety plan reviewed, ' +
  'treatment goals agreed and follow-up booked for next week.';

/** The PDF's pages as `pdftotext -layout` lays them out, and a PNG of each page. */
function readPdf(core: TempCore, file: ReportFile, name: string): string[] {
  const pdf = join(core.folder, `${name}.pdf`);
  writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
  const pngDir = join(core.folder, name);
  mkdirSync(pngDir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(pngDir, 'page')]);
  const pngs = readdirSync(pngDir);
  expect(pngs.length).toBe(file.pages);
  if (process.env.HOURKEEP_KEEP_PNG) {
    const keep = join('.tmp/screenshots/report-layout', name);
    mkdirSync(keep, { recursive: true });
    for (const png of pngs) copyFileSync(join(pngDir, png), join(keep, png));
    copyFileSync(pdf, join(keep, `${name}.pdf`));
  }
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((page) => page.trim() !== '');
}

/**
 * Lines where a figure was broken across lines: a table cell wraps onto the next line in the
 * cell's column, which `-layout` shows as a fragment standing alone between wide gaps.
 */
function splitFigures(pages: readonly string[]): string[] {
  const broken = [
    /at most(\s{2,}|\s*$)/, // "at most" without its figure
    /\d,(\s{2,}|\s*$)/, // "1," then "250.00" below
    /(^|\s{2,})(h|min)(\s{2,}|\s*$)/, // a unit without its number
    /(^|\s{2,})\d{1,3}(,\d{3})*\.(\s{2,}|\s*$)/, // "1,250." then "00" below
  ];
  return pages.flatMap((p) => p.split('\n')).filter((line) => broken.some((re) => re.test(line)));
}

/** Index of the page holding `text`; fails when no page or more than one does. */
function pageOf(pages: readonly string[], text: string | RegExp): number {
  const found = pages.flatMap((p, i) =>
    (typeof text === 'string' ? p.includes(text) : text.test(p)) ? [i] : [],
  );
  expect(found, String(text)).toHaveLength(1);
  return found[0] ?? -1;
}

describe('report PDFs on paper: figures and signatures', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  /** Weeks whose entry count pushes the sign-off to every position around a page break. */
  const longWeeks = new Map<string, number>();
  const clock = fakeClock('2026-11-27T15:00:00');

  const add = (date: string, category: string, minutes: number, note?: string) =>
    addSeededHours(core, ids, date, category, minutes, note);

  beforeAll(async () => {
    core = await openTempCore(clock);
    ids = await seedPractice(core);
    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: 'ca-bbs-lmft' });
    // 60 full days from February: over a thousand hours, so every total has a separator.
    const categories = ['direct_individual', 'direct_family', 'nonclinical', 'direct_group'];
    for (let d = 0; d < 60; d++)
      await add(addDaysIso('2026-02-02', d), categories[d % 4] ?? 'nonclinical', 1440);
    await add('2026-04-06', 'supervision_individual', 60);

    const owner = signedInUser(core);
    const maria = await createAccount(core, 'maria', 'supervisor', {
      supervisorId: ids.supervisor.id,
    });
    // Weeks from 2026-08-03 with 7 to 17 entries of a long note each, all approved and signed.
    for (let i = 0; i <= 10; i++) {
      const weekStart = addDaysIso('2026-08-03', 7 * i);
      const count = 7 + i;
      for (let n = 0; n < count; n++)
        await add(addDaysIso(weekStart, n % 7), 'direct_individual', 45, NOTE);
      longWeeks.set(weekStart, count);
      await call(core, 'weeks.submit', { workerId: ids.worker.id, weekStart });
      signInAs(core, maria);
      await call(core, 'weeks.approve', {
        workerId: ids.worker.id,
        weekStart,
        password: 'maria password 1',
      });
      signInAs(core, owner);
    }
    // A draft week nobody signed, long enough for two pages: the lines to sign by hand.
    for (let n = 0; n < 15; n++)
      await add(addDaysIso('2026-11-16', n % 5), 'direct_family', 50, NOTE);
  }, 120_000);
  afterAll(() => core?.dispose());

  it('keeps every signed week’s signature on the page of its totals, whatever the length', async () => {
    for (const [weekStart, count] of longWeeks) {
      const file = await call(core, 'reports.weeklyLog', {
        ...TO_BBS,
        workerId: ids.worker.id,
        weekStart,
      });
      const pages = readPdf(core, file, `weekly-log-${count}-entries`);
      expect(splitFigures(pages), weekStart).toEqual([]);
      const signed = pageOf(pages, 'Electronically signed by Maria Lopez');
      expect(pageOf(pages, 'Totals by category'), weekStart).toBe(signed);
      expect(pages[signed], weekStart).toMatch(/Total\s+\d+\.\d\d h/);
    }
  });

  it('keeps the lines to sign by hand on the page of the week’s totals', async () => {
    const file = await call(core, 'reports.weeklyLog', {
      ...TO_BBS,
      workerId: ids.worker.id,
      weekStart: '2026-11-16',
    });
    expect(file.pages).toBeGreaterThanOrEqual(2);
    const pages = readPdf(core, file, 'weekly-log-draft');
    expect(splitFigures(pages)).toEqual([]);
    const totals = pageOf(pages, 'Totals by category');
    expect(pageOf(pages, 'Worker: Sam Chen — signature')).toBe(totals);
    expect(pageOf(pages, 'Supervisor — signature')).toBe(totals);
  });

  it('prints the experience summary’s figures with separators, unwrapped, beside the signature', async () => {
    const file = await call(core, 'reports.experienceSummary', {
      ...TO_BBS,
      workerId: ids.worker.id,
    });
    const pages = readPdf(core, file, 'experience-summary');
    expect(splitFigures(pages)).toEqual([]);
    const all = pages.join('\n');
    // 60 days of 24 h, 1 h of supervision, the long weeks' 45-minute and the draft's 50-minute entries.
    const longMinutes = [...longWeeks.values()].reduce((s, n) => s + n * 45, 0);
    const total = (60 * 1440 + 60 + longMinutes + 15 * 50) / 60;
    const totalText = total.toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(totalText).toMatch(/^1,\d{3}\.\d\d$/);
    expect(all).toMatch(new RegExp(`Total hours of experience\\s+${totalText}\\n`));
    // The pack's cap on non-clinical hours, on one line of its table.
    expect(all).toMatch(/at most 1,250\.00 h/);
    const signature = pageOf(pages, 'Supervisor: Maria Lopez — signature');
    expect(pageOf(pages, 'Total hours of experience')).toBe(signature);
  });

  it('prints the person record’s durations with separators, unwrapped', async () => {
    const file = await call(core, 'privacy.exportRecord', {
      personType: 'worker',
      personId: ids.worker.id,
      format: 'pdf',
      recipient: 'Sam Chen',
      purpose: 'Access request',
    });
    const pages = readPdf(core, file, 'person-record');
    expect(pages.length).toBeGreaterThan(2);
    expect(splitFigures(pages)).toEqual([]);
    expect(pages.join('\n')).toMatch(/Total\s+1,\d{3} h \d+ min in \d+ entries/);
  });
});
