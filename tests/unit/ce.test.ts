import { describe, expect, it } from 'vitest';
import {
  CE_CERTIFICATE_MAX_BYTES,
  ceCompliance,
  ceStatusOf,
  certificateProblem,
  currentCycle,
  presetCycle,
  type CeCategory,
  type CeCycle,
} from '../../shared/domain/ce.js';

/** A licensee's two-year cycle: 36 h (2160 min) of which 6 h (360 min) law & ethics. */
const cycle = (over: Partial<CeCycle> = {}): CeCycle => ({
  id: 1,
  personType: 'supervisor',
  personId: 1,
  preset: 'ca-licensee',
  startDate: '2025-07-01',
  endDate: '2027-06-30',
  requiredMinutes: 2160,
  lawEthicsMinutes: 360,
  ...over,
});

const rec = (date: string, minutes: number, category: CeCategory = 'general') => ({
  date,
  minutes,
  category,
});

/** Two records just outside the cycle and three on or inside its edges. */
const EDGES = [
  rec('2025-06-30', 600), // the day before the start: not counted
  rec('2025-07-01', 180, 'law_ethics'), // the first day: counted
  rec('2026-03-15', 900, 'supervision'),
  rec('2027-06-30', 120, 'law_ethics'), // the last day: counted
  rec('2027-07-01', 600), // the day after the end: not counted
];

describe('ceCompliance', () => {
  it('counts only records dated inside the cycle, both end days included', () => {
    const c = ceCompliance(cycle(), EDGES, '2026-11-20');
    // 180 + 900 + 120; law & ethics 180 + 120.
    expect(c).toMatchObject({
      countedMinutes: 1200,
      lawEthicsMinutes: 300,
      requiredMinutes: 2160,
      requiredLawEthicsMinutes: 360,
      remainingMinutes: 960,
      remainingLawEthicsMinutes: 60,
      met: false,
      dueDate: '2027-06-30',
    });
  });

  // Days from today to 2027-06-30, counted by hand on a calendar.
  it.each([
    ['2026-11-20', 222, 'in-progress'], // 10 (Nov) + 31 + 31 + 28 + 31 + 30 + 31 + 30
    ['2027-03-31', 91, 'in-progress'], // one day before the 90-day window
    ['2027-04-01', 90, 'due-soon'], // 29 (Apr) + 31 + 30: the window's first day
    ['2027-06-29', 1, 'due-soon'],
    ['2027-06-30', 0, 'due-soon'], // the due date itself is not overdue yet
    ['2027-07-01', -1, 'overdue'],
    ['2027-08-01', -32, 'overdue'],
  ] as const)('on %s: %i days left, %s', (today, daysLeft, status) => {
    const c = ceCompliance(cycle(), EDGES, today);
    expect(c.daysLeft).toBe(daysLeft);
    expect(c.status).toBe(status);
  });

  it('is compliant once both the total and law & ethics are met, even after the end date', () => {
    const records = [...EDGES, rec('2026-01-10', 960), rec('2026-02-10', 60, 'law_ethics')];
    // 1200 + 960 + 60 = 2220 ≥ 2160; law & ethics 300 + 60 = 360.
    const c = ceCompliance(cycle(), records, '2027-08-01');
    expect(c).toMatchObject({
      status: 'compliant',
      met: true,
      countedMinutes: 2220,
      lawEthicsMinutes: 360,
      remainingMinutes: 0,
      remainingLawEthicsMinutes: 0,
      daysLeft: -32,
    });
  });

  it('is not met when the total is reached without the law & ethics hours', () => {
    const c = ceCompliance(cycle(), [rec('2026-01-10', 2160)], '2027-06-01');
    expect(c).toMatchObject({
      met: false,
      status: 'due-soon',
      remainingMinutes: 0,
      remainingLawEthicsMinutes: 360,
    });
  });

  it('is not met one minute short of the total', () => {
    const c = ceCompliance(
      cycle(),
      [rec('2026-01-10', 1799), rec('2026-01-11', 360, 'law_ethics')],
      '2026-11-20',
    );
    expect(c).toMatchObject({ met: false, remainingMinutes: 1, remainingLawEthicsMinutes: 0 });
    expect(c.status).toBe('in-progress');
  });

  it('counts law & ethics hours beyond the minimum toward the total', () => {
    const c = ceCompliance(
      cycle(),
      [rec('2026-01-10', 1760), rec('2026-01-11', 400, 'law_ethics')],
      '2026-11-20',
    );
    expect(c).toMatchObject({ met: true, status: 'compliant', countedMinutes: 2160 });
  });

  it("an associate's year needs 3 h of law & ethics and nothing else", () => {
    const year = cycle({
      preset: 'ca-associate',
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      requiredMinutes: 180,
      lawEthicsMinutes: 180,
    });
    expect(ceCompliance(year, [rec('2026-05-01', 600)], '2026-11-20')).toMatchObject({
      met: false,
      remainingMinutes: 0,
      remainingLawEthicsMinutes: 180,
      daysLeft: 131, // 10 (Nov) + 31 + 31 + 28 + 31
      status: 'in-progress',
    });
    expect(ceCompliance(year, [rec('2026-05-01', 180, 'law_ethics')], '2026-11-20').status).toBe(
      'compliant',
    );
  });

  it('reports no-cycle without figures', () => {
    expect(ceCompliance(null, EDGES, '2026-11-20')).toEqual({
      status: 'no-cycle',
      cycle: null,
      countedMinutes: 0,
      lawEthicsMinutes: 0,
      requiredMinutes: 0,
      requiredLawEthicsMinutes: 0,
      remainingMinutes: 0,
      remainingLawEthicsMinutes: 0,
      met: false,
      dueDate: null,
      daysLeft: null,
    });
  });
});

describe('currentCycle', () => {
  const A = cycle({ id: 1, startDate: '2023-07-01', endDate: '2025-06-30' });
  const B = cycle({ id: 2, startDate: '2025-07-01', endDate: '2027-06-30' });
  const C = cycle({ id: 3, startDate: '2027-07-01', endDate: '2029-06-30' });

  it.each([
    ['2026-01-01', [A, B, C], 2],
    ['2025-06-30', [C, B, A], 1], // the last day of A is still A's
    ['2025-07-01', [A, B, C], 2], // the first day of B
    ['2026-01-01', [A, C], 3], // between cycles: the next one
    ['2026-01-01', [A], 1], // all past: the last one
    ['2022-01-01', [C, A], 1], // all future: the first to start
  ] as const)('on %s picks cycle %#', (today, cycles, id) => {
    expect(currentCycle(cycles, today)?.id).toBe(id);
  });

  it('is null without cycles', () => {
    expect(currentCycle([], '2026-01-01')).toBeNull();
  });

  it('judges a person whose last cycle ended unmet as overdue', () => {
    const c = ceStatusOf([A], [rec('2024-01-01', 600)], '2026-01-01');
    expect(c).toMatchObject({ status: 'overdue', daysLeft: -185, countedMinutes: 600 });
  });
});

describe('presetCycle', () => {
  it.each([
    ['ca-licensee', '2027-06-30', '2025-07-01', 2160, 360],
    ['ca-licensee', '2028-02-29', '2026-03-01', 2160, 360], // leap day back two years: 28 Feb
    ['ca-associate', '2027-03-31', '2026-04-01', 180, 180],
    ['ca-associate', '2026-12-31', '2026-01-01', 180, 180],
  ] as const)('%s ending %s starts %s', (preset, end, start, required, lawEthics) => {
    expect(presetCycle(preset, end)).toEqual({
      startDate: start,
      endDate: end,
      requiredMinutes: required,
      lawEthicsMinutes: lawEthics,
    });
  });
});

describe('certificateProblem', () => {
  const bytes = (...head: number[]) => new Uint8Array([...head, 1, 2, 3]);
  const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const JPEG = [0xff, 0xd8, 0xff, 0xe0];

  it.each([
    ['application/pdf', bytes(...PDF), null],
    ['image/png', bytes(...PNG), null],
    ['image/jpeg', bytes(...JPEG), null],
    ['application/pdf', bytes(...PNG), "The file's contents are not a PDF"],
    ['image/png', bytes(...JPEG), "The file's contents are not a PNG"],
    ['image/jpeg', bytes(0xff, 0xd9), "The file's contents are not a JPEG"],
    ['image/gif', bytes(0x47, 0x49, 0x46), 'Attach a PDF, PNG or JPEG file'],
    ['application/pdf', new Uint8Array(0), 'The file is empty'],
  ])('%s %#', (type, data, problem) => {
    expect(certificateProblem(type, data)).toBe(problem);
  });

  it('takes exactly 5 MB and refuses a byte more', () => {
    const max = new Uint8Array(CE_CERTIFICATE_MAX_BYTES);
    max.set(PDF);
    expect(certificateProblem('application/pdf', max)).toBeNull();
    const over = new Uint8Array(CE_CERTIFICATE_MAX_BYTES + 1);
    over.set(PDF);
    expect(certificateProblem('application/pdf', over)).toBe('The file is larger than 5 MB');
  });
});
