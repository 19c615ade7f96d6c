import { describe, expect, it } from 'vitest';
import { computeProgress, type ProgressInput } from '../../shared/domain/progress.js';
import { entry, h, input, TODAY } from '../fixtures/progress/builders.js';
import { codes, pack, row, warningsOf } from '../fixtures/progress/packs.js';

// Texas LPC (22 TAC §681.92): 3,000 h, 1,500 direct, at least 18 months, at least 4 h of
// supervision a month while counseling, at most 50 % of supervision in group. The LPC Associate
// license runs 60 months (§681.93(g)), counted here from the supervision start.

const run = (data: ProgressInput) => computeProgress(pack('tx-bhec-lpc'), data, TODAY);

describe('TX LPC: at least 4 h of supervision each month with direct hours', () => {
  const october = (supervision: number) =>
    input([
      entry('2026-10-05', 'direct_individual', h(10)),
      ...(supervision ? [entry('2026-10-08', 'supervision_individual', supervision)] : []),
    ]);

  it('exactly 4 h: fine', () => {
    expect(warningsOf(run(october(240)), 'supervision_missing')).toEqual([]);
  });

  it('3 h 59 min: 1 min short', () => {
    // 240 − 239 = 1
    expect(warningsOf(run(october(239)), 'supervision_missing')).toEqual([
      {
        code: 'supervision_missing',
        message: 'Month of 2026-10: 10 h direct, 3 h 59 min of supervision; 4 h required.',
        monthStart: '2026-10-01',
        minutes: 1,
      },
    ]);
  });

  it('group and triadic supervision count toward the 4 h', () => {
    const data = input([
      entry('2026-10-05', 'direct_individual', h(10)),
      entry('2026-10-08', 'supervision_triadic', 120),
      entry('2026-10-15', 'supervision_group', 120), // 120 + 120 = 240
    ]);
    expect(warningsOf(run(data), 'supervision_missing')).toEqual([]);
  });

  it('months without direct hours, and the month not yet over, are not checked', () => {
    const data = input([
      entry('2026-09-14', 'nonclinical', h(8)), // September: no counseling
      entry('2026-11-02', 'direct_individual', h(6)), // November 2026: still running
    ]);
    expect(warningsOf(run(data), 'supervision_missing')).toEqual([]);
  });

  it('has no weekly supervision rule', () => {
    // A week with 15 h direct and no supervision, in a month with 4 h of supervision.
    const data = input([
      entry('2026-10-05', 'direct_individual', h(15)),
      entry('2026-10-29', 'supervision_individual', h(4)),
    ]);
    expect(codes(run(data))).toEqual([]);
  });
});

describe('TX LPC: group supervision at most 50 %', () => {
  const supervision = (individual: number, group: number) =>
    input([
      entry('2026-10-06', 'supervision_individual', individual),
      entry('2026-10-07', 'supervision_group', group),
    ]);

  it('exactly half: allowed', () => {
    // 120 of 240 = 50 %: allowed ⌊240 × 50 / 100⌋ = 120
    expect(row(run(supervision(120, 120)), 'group-supervision-max')).toEqual({
      counted: 120,
      required: 120,
      remaining: 0,
      met: true,
      excess: 0,
    });
  });

  it('one minute more than half: not allowed', () => {
    // 121 of 241: allowed ⌊241 × 50 / 100⌋ = ⌊120.5⌋ = 120; 121 × 100 = 12,100 > 241 × 50 = 12,050
    expect(row(run(supervision(120, 121)), 'group-supervision-max')).toEqual({
      counted: 121,
      required: 120,
      remaining: 0,
      met: false,
      excess: 1,
    });
  });

  it('does not cap the total: all supervision counts', () => {
    // 120 + 121 = 241 toward the total
    expect(row(run(supervision(120, 121)), 'total').counted).toBe(241);
  });
});

describe('TX LPC: at least 18 months', () => {
  const span = (last: string) =>
    input([entry('2024-01-01', 'direct_individual', 60), entry(last, 'direct_individual', 60)]);

  it('2024-01-01 … 2025-06-29 is 17 whole months', () => {
    // 2024-01-01 + 18 months = 2025-07-01 > 2025-06-30 (the day after the last entry) → 17
    expect(row(run(span('2025-06-29')), 'period')).toMatchObject({
      counted: 17,
      remaining: 1,
      met: false,
    });
  });

  it('2024-01-01 … 2025-06-30 is 18', () => {
    // the day after the last entry is 2025-07-01 = 2024-01-01 + 18 months → 18
    expect(row(run(span('2025-06-30')), 'period')).toMatchObject({ counted: 18, met: true });
  });
});

describe('TX LPC: the LPC Associate license runs 60 months from supervision start', () => {
  const history = (supervisionStartDate: string) =>
    input(
      [
        entry('2026-10-05', 'direct_individual', h(2)),
        entry('2026-10-06', 'supervision_individual', h(4)),
        entry('2026-10-07', 'nonclinical', h(1)),
      ],
      { supervisionStartDate },
    );

  it('lapsing in exactly 90 days: every hour is flagged', () => {
    // 2022-02-21 + 60 months = 2027-02-21 = TODAY + 90; 120 + 240 + 60 = 420 min
    expect(warningsOf(run(history('2022-02-21')), 'hours_expiring')).toEqual([
      {
        code: 'hours_expiring',
        message:
          '7 h of experience stops counting on 2027-02-21 (hours count for 5 years after supervision started).',
        date: '2027-02-21',
        endDate: '2027-02-21',
        minutes: 420,
      },
    ]);
  });

  it('lapsing in 91 days: not yet', () => {
    expect(warningsOf(run(history('2022-02-22')), 'hours_expiring')).toEqual([]);
  });

  it('lapsed today: nothing counts', () => {
    // 2021-11-23 + 60 months = 2026-11-23 = TODAY
    const p = run(history('2021-11-23'));
    expect(p.totals).toMatchObject({ countingMinutes: 0, expiredMinutes: 420 });
    expect(row(p, 'total')).toMatchObject({ counted: 0, remaining: 180_000 });
  });
});

describe('TX LPC: rules it does not have', () => {
  it('no 40-hour cap and no 60-day agreement deadline', () => {
    // 45 h in one week; supervision started 100 days ago without a recorded agreement.
    const data = input(
      [
        entry('2026-10-05', 'direct_individual', h(9)),
        entry('2026-10-06', 'direct_individual', h(9)),
        entry('2026-10-07', 'direct_individual', h(9)),
        entry('2026-10-08', 'direct_individual', h(9)),
        entry('2026-10-09', 'direct_individual', h(9)),
        entry('2026-10-10', 'supervision_individual', h(4)),
      ],
      { supervisionStartDate: '2026-08-15', agreementSignedOn: null },
    );
    expect(codes(run(data))).toEqual([]);
  });
});
