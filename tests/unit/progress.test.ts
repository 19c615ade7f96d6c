import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  computeProgress,
  projectCompletion,
  type ProgressEntry,
} from '../../shared/domain/progress.js';
import { minutesIn } from '../../shared/domain/progress-measures.js';
import { entry, h, input, repeatWeeks, TODAY } from '../fixtures/progress/builders.js';
import { CA_WEEK, caFullHistory, caTenWeeks } from '../fixtures/progress/histories.js';
import { codes, pack, row } from '../fixtures/progress/packs.js';

// CA_WEEK: 900 min direct (300 of it family), 150 supervision (90 individual + 60 group),
// 600 non-clinical = 1,650 min a week. The full history is 120 such weeks:
// first entry Mon 2024-08-05, last entry Fri 2026-11-20.
// (Until 2026-12-04 the week had 60 min individual supervision, 1,620 min in all; it gained
// 30 min when the California packs began counting group supervision at half, as BPC
// §4980.43.2(b)(1)(C) does, so that the week still meets the weekly rule.)

describe('CA LMFT requirements', () => {
  it('120 full weeks', () => {
    const p = computeProgress(pack('ca-bbs-lmft'), input(caFullHistory()), TODAY);
    // Non-clinical (supervision included) = 120 × (600 + 150) = 90,000, capped at 75,000;
    // total = 120 × 900 direct = 108,000 + 75,000 = 183,000 ≥ 180,000.
    expect(row(p, 'total')).toEqual({
      counted: 183_000,
      required: 180_000,
      remaining: 0,
      met: true,
      excess: 0,
    });
    // 120 × 900 = 108,000 ≥ 105,000
    expect(row(p, 'direct')).toMatchObject({ counted: 108_000, remaining: 0, met: true });
    // 120 × 300 family = 36,000 ≥ 30,000
    expect(row(p, 'couples-families-children')).toMatchObject({
      counted: 36_000,
      required: 30_000,
      met: true,
    });
    // 90,000 − 75,000 = 15,000 over
    expect(row(p, 'nonclinical-max')).toEqual({
      counted: 90_000,
      required: 75_000,
      remaining: 0,
      met: false,
      excess: 15_000,
    });
    // 2024-08-05 … 2026-11-20 = 838 days including both ends; ⌊838 / 7⌋ = 119 weeks ≥ 104
    expect(row(p, 'period')).toMatchObject({ counted: 119, required: 104, met: true });
    // every week has 90 min individual supervision (≥ 60): 120 weeks ≥ 52
    expect(row(p, 'supervision-weeks')).toMatchObject({ counted: 120, required: 52, met: true });
    expect(p.totals).toEqual({
      countingMinutes: 198_000, // 120 × 1,650
      expiredMinutes: 0,
      towardTotalMinutes: 183_000,
    });
    // Only the non-clinical excess is wrong with this record: each week's 90 min individual +
    // 60 min group counts as 90 + 30 = 120 min of supervisor contact, the 2 h it needs.
    expect(codes(p)).toEqual(['nonclinical_over_max']);
    expect(p.warnings[0]?.minutes).toBe(15_000);
    expect(p.warnings[0]?.message).toMatch(/excess does not count toward the total/);
  });

  it('the first 10 weeks', () => {
    const p = computeProgress(pack('ca-bbs-lmft'), input(caTenWeeks()), TODAY);
    // 10 × 900 direct + 10 × 750 non-clinical = 9,000 + 7,500 = 16,500; 180,000 − 16,500 = 163,500
    expect(row(p, 'total')).toMatchObject({ counted: 16_500, remaining: 163_500, met: false });
    // 105,000 − 9,000 = 96,000
    expect(row(p, 'direct')).toMatchObject({ counted: 9_000, remaining: 96_000 });
    // 10 × 300 = 3,000; 30,000 − 3,000 = 27,000
    expect(row(p, 'couples-families-children')).toMatchObject({
      counted: 3_000,
      remaining: 27_000,
    });
    // 7,500 of at most 75,000: 67,500 headroom
    expect(row(p, 'nonclinical-max')).toEqual({
      counted: 7_500,
      required: 75_000,
      remaining: 67_500,
      met: true,
      excess: 0,
    });
    // 2024-08-05 … 2024-10-11 = 68 days; ⌊68 / 7⌋ = 9 weeks; 104 − 9 = 95
    expect(row(p, 'period')).toMatchObject({ counted: 9, remaining: 95 });
    // 52 − 10 = 42
    expect(row(p, 'supervision-weeks')).toMatchObject({ counted: 10, remaining: 42 });
    expect(codes(p)).toEqual([]);
  });
});

describe('CA LPCC requirements', () => {
  it('120 full weeks', () => {
    const p = computeProgress(pack('ca-bbs-lpcc'), input(caFullHistory()), TODAY);
    // same arithmetic as LMFT: 108,000 + min(90,000, 75,000) = 183,000
    expect(row(p, 'total')).toMatchObject({ counted: 183_000, met: true });
    expect(row(p, 'direct')).toMatchObject({ counted: 108_000, required: 105_000, met: true });
    expect(row(p, 'nonclinical-max')).toMatchObject({ counted: 90_000, excess: 15_000 });
    expect(row(p, 'period')).toMatchObject({ counted: 119, met: true });
    expect(row(p, 'supervision-weeks')).toMatchObject({ counted: 120, met: true });
    expect(p.requirements.map((r) => r.id)).not.toContain('couples-families-children');
    expect(codes(p)).toEqual(['nonclinical_over_max']);
  });
});

describe('CA LCSW requirements', () => {
  /** The full history with the first `lcswWeeks` weeks' individual supervision given by the LCSW. */
  const withLcswWeeks = (lcswWeeks: number): ProgressEntry[] =>
    caFullHistory().map((e, i) => {
      const week = Math.floor(i / CA_WEEK.length);
      return week < lcswWeeks && e.category === 'supervision_individual'
        ? { ...e, supervisorId: 2 }
        : e;
    });

  it('120 full weeks, 13 of them supervised by an LCSW', () => {
    const p = computeProgress(pack('ca-bbs-lcsw'), input(withLcswWeeks(13)), TODAY);
    // 108,000 direct + min(90,000, 60,000) = 168,000; 180,000 − 168,000 = 12,000
    expect(row(p, 'total')).toMatchObject({ counted: 168_000, remaining: 12_000, met: false });
    // 120,000 − 108,000 = 12,000
    expect(row(p, 'direct')).toMatchObject({ counted: 108_000, remaining: 12_000, met: false });
    // all direct categories count: 108,000 ≥ 45,000
    expect(row(p, 'psychotherapy')).toMatchObject({ counted: 108_000, met: true });
    // 90,000 − 60,000 = 30,000 over
    expect(row(p, 'nonclinical-max')).toMatchObject({ counted: 90_000, excess: 30_000 });
    expect(row(p, 'period')).toMatchObject({ counted: 119, met: true });
    expect(row(p, 'supervision-weeks')).toMatchObject({ counted: 120, met: true });
    // weeks 0–12 have 90 min individual supervision from supervisor 2 (LCSW): 13 ≥ 13
    expect(row(p, 'lcsw-supervision-weeks')).toEqual({
      counted: 13,
      required: 13,
      remaining: 0,
      met: true,
      excess: 0,
    });
    expect(codes(p)).toEqual(['nonclinical_over_max']);
    expect(p.warnings[0]?.minutes).toBe(30_000);
  });

  it('12 LCSW weeks, and group supervision by the LCSW does not make a week count', () => {
    const entries = withLcswWeeks(12).map((e, i) =>
      Math.floor(i / CA_WEEK.length) === 12 && e.category === 'supervision_group'
        ? { ...e, supervisorId: 2 }
        : e,
    );
    const p = computeProgress(pack('ca-bbs-lcsw'), input(entries), TODAY);
    // weeks 0–11 = 12; week 12 has only group supervision from the LCSW; 13 − 12 = 1
    expect(row(p, 'lcsw-supervision-weeks')).toMatchObject({ counted: 12, remaining: 1 });
  });
});

describe('TX LPC requirements', () => {
  it('120 full weeks', () => {
    const p = computeProgress(pack('tx-bhec-lpc'), input(caFullHistory()), TODAY);
    // No non-clinical cap, supervision counted: 120 × 1,650 = 198,000 ≥ 180,000
    expect(row(p, 'total')).toMatchObject({ counted: 198_000, met: true });
    // 108,000 ≥ 90,000
    expect(row(p, 'direct')).toMatchObject({ counted: 108_000, required: 90_000, met: true });
    // 2024-08-05 … 2026-11-20: 2024-08-05 + 27 months = 2026-11-05 ≤ 2026-11-21 < 2026-12-05 → 27
    expect(row(p, 'period')).toMatchObject({ counted: 27, required: 18, met: true });
    // group 120 × 60 = 7,200 of 120 × 150 = 18,000 supervision = 40 %: allowed ⌊18,000 × 50 %⌋
    // = 9,000, so 1,800 to spare (Texas counts group hour for hour; the limit is its share)
    expect(row(p, 'group-supervision-max')).toEqual({
      counted: 7_200,
      required: 9_000,
      remaining: 1_800,
      met: true,
      excess: 0,
    });
    // Every month has 4 or 5 Thursdays × 150 min ≥ 240; November 2026 is not over yet.
    expect(codes(p)).toEqual([]);
  });
});

describe('generic template requirements', () => {
  it('120 full weeks', () => {
    const p = computeProgress(pack('generic'), input(caFullHistory()), TODAY);
    expect(row(p, 'total')).toMatchObject({ counted: 183_000, met: true }); // 108,000 + 75,000
    expect(row(p, 'direct')).toMatchObject({ counted: 108_000, met: true });
    expect(row(p, 'nonclinical-max')).toMatchObject({ excess: 15_000 }); // 90,000 − 75,000
    expect(row(p, 'period')).toMatchObject({ counted: 119 });
    expect(row(p, 'supervision-weeks')).toMatchObject({ counted: 120 });
    expect(codes(p)).toEqual(['nonclinical_over_max']);
  });
});

describe('purity', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same result whatever the system clock says, and leaves the input alone', () => {
    const data = input(caTenWeeks());
    const frozen = structuredClone(data);
    Object.freeze(data.entries);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T12:00:00Z'));
    const a = computeProgress(pack('ca-bbs-lmft'), data, TODAY);
    vi.setSystemTime(new Date('1999-06-01T12:00:00Z'));
    const b = computeProgress(pack('ca-bbs-lmft'), data, TODAY);
    expect(a).toEqual(b);
    expect(data).toEqual(frozen);
  });

  it('ignores entries dated after today', () => {
    const p = computeProgress(
      pack('ca-bbs-lmft'),
      input([entry(TODAY, 'nonclinical', 60), entry('2026-11-24', 'nonclinical', 600)]),
      TODAY,
    );
    expect(p.totals.countingMinutes).toBe(60);
  });
});

describe('projectCompletion', () => {
  it('projects from the pace of the 84 days ending today', () => {
    // 12 CA weeks from Mon 2026-08-31 (= today − 84). The window is 2026-09-01 … 2026-11-23,
    // so that first Monday's 360 min fall outside it.
    const entries = repeatWeeks('2026-08-31', 12, CA_WEEK);
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    // counted: 12 × (900 + 750) = 19,800; remaining 180,000 − 19,800 = 160,200
    expect(p.totals.towardTotalMinutes).toBe(19_800);
    const proj = projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY);
    // gained in window: 19,800 − 360 = 19,440 → pace 19,440 / 12 = 1,620 min a week;
    // days = ⌈160,200 × 84 / 19,440⌉ = ⌈692.22⌉ = 693; 2026-11-23 + 693 days = 2028-10-16
    // Every one of the 12 weeks had hours, so the pace per active week is the same figure;
    // the oldest hours (2026-08-31) lapse after 72 months, long after the projection.
    expect(proj).toEqual({
      windowStart: '2026-09-01',
      windowEnd: TODAY,
      paceMinutesPerWeek: 1_620,
      activeWeeks: 12,
      remainingMinutes: 160_200,
      projectedDate: '2028-10-16',
      deadline: '2032-08-31',
      onPace: true,
    });
  });

  it('takes the pace over the weeks that had hours, not weeks off', () => {
    // 5 CA weeks from Mon 2026-10-19, then nothing: the same minutes as a 12-week average
    // would give 5/12 of the pace and push the date out 2.4 times as far.
    const entries = repeatWeeks('2026-10-19', 5, CA_WEEK);
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    const proj = projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY);
    // gained 5 × 1,650 = 8,250 → 1,650 a week; remaining 171,750 → ⌈171,750 × 7 / 1,650⌉ = 729
    // days after 2026-11-23 = 2028-11-21.
    expect(proj).toMatchObject({
      activeWeeks: 5,
      paceMinutesPerWeek: 1_650,
      remainingMinutes: 171_750,
      projectedDate: '2028-11-21',
      onPace: true,
    });
  });

  it('is behind the plan when the projection falls after the oldest hours lapse', () => {
    // Hours began 2021-01-04 (lapsing 2027-01-04 under the 6-year rule) and go on a week at a
    // time: the total cannot be reached before the first of them stop counting.
    const entries = [
      ...repeatWeeks('2021-01-04', 4, CA_WEEK),
      ...repeatWeeks('2026-11-02', 3, CA_WEEK),
    ];
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    const proj = projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY);
    expect(proj.deadline).toBe('2027-01-04');
    expect(proj.projectedDate ?? '').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((proj.projectedDate ?? '') > '2027-01-04').toBe(true);
    expect(proj.onPace).toBe(false);
  });

  it('is null when nothing was gained in the last 12 weeks', () => {
    const entries = caTenWeeks(); // all in 2024
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    expect(projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY)).toMatchObject({
      paceMinutesPerWeek: 0,
      activeWeeks: 0,
      remainingMinutes: 163_500, // 180,000 − 16,500
      projectedDate: null,
      onPace: false,
    });
  });

  it('counts nothing for non-clinical minutes past the cap', () => {
    // 75,000 non-clinical already logged in January 2025 fills the cap; 12 × 600 recent
    // non-clinical add nothing, so the pace is 0.
    const entries = [
      entry('2025-01-06', 'nonclinical', 75_000),
      ...repeatWeeks('2026-09-07', 12, [{ day: 0, category: 'nonclinical', minutes: h(10) }]),
    ];
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    expect(projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY)).toMatchObject({
      paceMinutesPerWeek: 0,
      remainingMinutes: 105_000, // 180,000 − 75,000
      projectedDate: null,
    });
  });

  it('is today when the total is already met', () => {
    const entries = caFullHistory();
    const p = computeProgress(pack('ca-bbs-lmft'), input(entries), TODAY);
    expect(projectCompletion(pack('ca-bbs-lmft'), p, input(entries), TODAY)).toMatchObject({
      remainingMinutes: 0,
      projectedDate: TODAY,
    });
  });
});

describe('minutes by category', () => {
  it('counts each entry once, whichever list is asked and however the categories repeat', () => {
    const a = [
      entry('2026-11-16', 'direct_individual', 30),
      entry('2026-11-17', 'direct_family', 20),
    ];
    const b = [entry('2026-11-16', 'direct_individual', 5)];
    expect(minutesIn(a, ['direct_individual', 'direct_individual'])).toBe(30);
    expect(minutesIn(a, ['direct_individual', 'direct_family'])).toBe(50);
    expect(minutesIn(b, ['direct_individual', 'direct_family'])).toBe(5);
    expect(minutesIn(a, [])).toBe(0);
  });
});
