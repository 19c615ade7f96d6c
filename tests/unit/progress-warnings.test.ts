import { describe, expect, it } from 'vitest';
import { addDaysIso } from '../../shared/domain/dates.js';
import { computeProgress, type ProgressInput } from '../../shared/domain/progress.js';
import {
  entry,
  h,
  input,
  repeatWeeks,
  SITE_A,
  SITE_B,
  SUPERVISORS,
  TODAY,
} from '../fixtures/progress/builders.js';
import { ALL_PACKS, pack, row, WEEKLY_RULE_PACKS, warningsOf } from '../fixtures/progress/packs.js';

// TODAY is Monday 2026-11-23. Unless a test says otherwise, supervision is by supervisor 1 at
// site A and the agreement was signed long ago, so only the rule under test can warn.

const run = (packId: string, data: ProgressInput) => computeProgress(pack(packId), data, TODAY);

describe.each(WEEKLY_RULE_PACKS)('%s: at most 40 h in any 7 consecutive days', (packId) => {
  // Windows start on each day with hours and run 7 calendar days (that day + 6). Non-clinical
  // hours are used so that no supervision rule applies.
  const days = (...items: [string, number][]) =>
    input(items.map(([date, minutes]) => entry(date, 'nonclinical', minutes)));
  // Mon 2026-11-02 … Fri 11-06, 8 h a day: 5 × 480 = 2,400 = the cap
  const FORTY_HOURS: [string, number][] = [
    ['2026-11-02', h(8)],
    ['2026-11-03', h(8)],
    ['2026-11-04', h(8)],
    ['2026-11-05', h(8)],
    ['2026-11-06', h(8)],
  ];

  it('exactly 40 h is allowed', () => {
    const data = days(...FORTY_HOURS);
    expect(warningsOf(run(packId, data), 'weekly_cap_exceeded')).toEqual([]);
  });

  it('40 h 1 min is over, reported for the window 2026-11-02 … 11-08', () => {
    // 2,400 + 1 min on Saturday 11-07 = 2,401 in the window starting Monday 11-02
    const data = days(...FORTY_HOURS, ['2026-11-07', 1]);
    const [w, ...rest] = warningsOf(run(packId, data), 'weekly_cap_exceeded');
    expect(rest).toEqual([]);
    // 2,401 − 2,400 = 1 min over
    expect(w).toMatchObject({ date: '2026-11-02', endDate: '2026-11-08', minutes: 1 });
    expect(w?.message).toBe(
      '40 h 1 min logged from 2026-11-02 to 2026-11-08: 1 min over the limit of 40 h in any 7 consecutive days.',
    );
  });

  it('a window spanning two calendar weeks, each under 40 h', () => {
    // Week of 11-02: Thu 10 h + Fri 10 h + Sat 5 h = 25 h. Week of 11-09: Mon 10 h + Tue 5 h 1 min
    // = 15 h 1 min. Thu 11-05 … Wed 11-11: 25 h + 15 h 1 min = 40 h 1 min → 1 min over.
    const data = days(
      ['2026-11-05', h(10)],
      ['2026-11-06', h(10)],
      ['2026-11-07', h(5)],
      ['2026-11-09', h(10)],
      ['2026-11-10', h(5) + 1],
    );
    expect(warningsOf(run(packId, data), 'weekly_cap_exceeded')).toEqual([
      expect.objectContaining({ date: '2026-11-05', endDate: '2026-11-11', minutes: 1 }),
    ]);
  });

  it('overlapping over-cap windows are reported once, by the fullest', () => {
    // Mon 11-02 20 h, Tue 11-03 21 h, Mon 11-09 22 h.
    // Window 11-02…11-08 = 41 h; window 11-03…11-09 = 21 + 22 = 43 h; window 11-09… = 22 h.
    // One run; the fullest is 43 h → 3 h = 180 min over.
    const data = days(['2026-11-02', h(20)], ['2026-11-03', h(21)], ['2026-11-09', h(22)]);
    expect(warningsOf(run(packId, data), 'weekly_cap_exceeded')).toEqual([
      expect.objectContaining({ date: '2026-11-03', endDate: '2026-11-09', minutes: 180 }),
    ]);
  });
});

describe.each(WEEKLY_RULE_PACKS)('%s: weekly supervision', (packId) => {
  const perSetting = pack(packId).rules.supervisionWeeks?.perSetting;
  const site = perSetting ? { siteId: SITE_A } : {};
  // The week of Monday 2026-11-09 (ended Sunday 11-15).
  const week = (direct: number, ...supervision: ['individual' | 'triadic' | 'group', number][]) =>
    input([
      entry('2026-11-09', 'direct_individual', Math.ceil(direct / 2)),
      entry('2026-11-10', 'direct_group', Math.floor(direct / 2)),
      ...supervision.map(([kind, minutes]) =>
        entry('2026-11-11', `supervision_${kind}` as const, minutes),
      ),
    ]);
  const supervisionWarnings = (data: ProgressInput) => {
    const p = run(packId, data);
    return [...warningsOf(p, 'supervision_missing'), ...warningsOf(p, 'extra_supervision_missing')];
  };

  it('exactly 10 h direct needs only the 1 h', () => {
    // 600 direct is not over 600: required 60; logged 60
    expect(supervisionWarnings(week(h(10), ['individual', 60]))).toEqual([]);
  });

  it('10 h 1 min direct needs the extra hour', () => {
    // 601 > 600: required 60 + 60 = 120; logged 60 → 60 short
    expect(supervisionWarnings(week(h(10) + 1, ['individual', 60]))).toEqual([
      {
        code: 'extra_supervision_missing',
        message: expect.stringContaining('10 h 1 min direct is over 10 h, so 2 h of supervision'),
        weekStart: '2026-11-09',
        minutes: 60,
        ...site,
      },
    ]);
  });

  // California: "one hour of direct supervisor contact" is one hour of individual or triadic
  // supervision or two hours of group (BPC §4980.43.2(b)(1), §4996.23.1(b)(1),
  // §4999.46.2(b)(1)), so group minutes count at half toward the weekly minimum.
  it('two hours of group supervision count as one', () => {
    // 601 direct; 60 individual + 120 group = 60 + 60 = 120 = required
    expect(supervisionWarnings(week(h(10) + 1, ['individual', 60], ['group', 120]))).toEqual([]);
    // 5 h direct; 120 group alone = 60 = the base hour
    expect(supervisionWarnings(week(h(5), ['group', 120]))).toEqual([]);
  });

  it('one hour of group supervision is half an hour of supervisor contact', () => {
    // 601 direct; 60 individual + 60 group = 60 + 30 = 90 of 120 required → 30 short
    expect(supervisionWarnings(week(h(10) + 1, ['individual', 60], ['group', 60]))).toEqual([
      {
        code: 'extra_supervision_missing',
        message: expect.stringContaining(
          'so 2 h of supervision is required; 1 h 30 min of supervision counted (2 h logged).',
        ),
        weekStart: '2026-11-09',
        minutes: 30,
        ...site,
      },
    ]);
    // 5 h direct; 61 group counts ⌊61 / 2⌋ = 30 (rounded down) of 60 → 30 short, below the base
    expect(supervisionWarnings(week(h(5), ['group', 61]))).toEqual([
      expect.objectContaining({
        code: 'supervision_missing',
        minutes: 30,
        message: expect.stringContaining('30 min of supervision counted (1 h 1 min logged)'),
      }),
    ]);
  });

  it('direct hours without supervision', () => {
    // 5 h direct, nothing logged: 60 short
    expect(supervisionWarnings(week(h(5)))).toEqual([
      expect.objectContaining({
        code: 'supervision_missing',
        weekStart: '2026-11-09',
        minutes: 60,
      }),
    ]);
    // 11 h direct, 30 min triadic: required 120, 120 − 30 = 90 short, below the base hour
    expect(supervisionWarnings(week(h(11), ['triadic', 30]))).toEqual([
      expect.objectContaining({ code: 'supervision_missing', minutes: 90 }),
    ]);
  });

  it('only weeks that have ended are checked', () => {
    // Week of 11-16 ended yesterday (Sunday 11-22): checked. This week (from today): not yet.
    const data = input([
      entry('2026-11-16', 'direct_individual', h(3)),
      entry(TODAY, 'direct_individual', h(3)),
    ]);
    expect(warningsOf(run(packId, data), 'supervision_missing')).toEqual([
      expect.objectContaining({ weekStart: '2026-11-16', minutes: 60 }),
    ]);
  });

  it(perSetting ? 'is checked per setting' : 'is checked across all sites together', () => {
    // 5 h direct at site A and 5 h at site B; 1 h supervision at site A only.
    const data = input([
      entry('2026-11-09', 'direct_individual', h(5), { siteId: SITE_A }),
      entry('2026-11-10', 'direct_individual', h(5), { siteId: SITE_B }),
      entry('2026-11-11', 'supervision_individual', h(1), { siteId: SITE_A }),
    ]);
    // Per setting: site B has 300 direct and 0 supervision → 60 short there.
    // Together: 600 direct (not over 600) and 60 supervision → fine.
    expect(supervisionWarnings(data)).toEqual(
      perSetting
        ? [expect.objectContaining({ code: 'supervision_missing', siteId: SITE_B, minutes: 60 })]
        : [],
    );
  });

  it('names the site in the message when its name is known', () => {
    const data = {
      ...input([entry('2026-11-09', 'direct_individual', h(5), { siteId: SITE_B })]),
      sites: [{ id: SITE_B, name: 'Uptown Clinic' }],
    };
    const [warning] = supervisionWarnings(data);
    expect(warning?.message).toBe(
      perSetting
        ? 'Week of 2026-11-09 at Uptown Clinic: 5 h direct, 0 min of supervision; 1 h required.'
        : 'Week of 2026-11-09: 5 h direct, 0 min of supervision; 1 h required.',
    );
  });

  it('weeks of individual or triadic supervision count toward the required weeks; group does not', () => {
    const data = input([
      entry('2026-10-05', 'supervision_individual', 60), // week 1: 60 individual → counts
      entry('2026-10-12', 'supervision_triadic', 60), // week 2: 60 triadic → counts
      entry('2026-10-19', 'supervision_group', 120), // week 3: group only → does not
      entry('2026-10-26', 'supervision_individual', 30), // week 4: 30 + 30 = 60 → counts
      entry('2026-10-27', 'supervision_triadic', 30),
      entry('2026-11-02', 'supervision_individual', 59), // week 5: 59 < 60 → does not
    ]);
    // 3 weeks; 52 − 3 = 49 to go
    expect(row(run(packId, data), 'supervision-weeks')).toMatchObject({
      counted: 3,
      remaining: 49,
    });
  });
});

describe.each(WEEKLY_RULE_PACKS)('%s: non-clinical maximum', (packId) => {
  const cap = pack(packId).requirements.find((r) => r.id === 'nonclinical-max')?.minutes ?? 0;
  // 5 days × 300 min = 1,500 a week (under the weekly cap). 75,000 / 1,500 = 50 weeks;
  // LCSW 60,000 / 1,500 = 40 weeks. The weeks end before TODAY.
  const weeks = cap / 1_500;
  const base = () =>
    repeatWeeks(
      addDaysIso(TODAY, -7 * weeks), // a Monday
      weeks,
      [0, 1, 2, 3, 4].map((day) => ({ day, category: 'nonclinical' as const, minutes: 300 })),
    );

  it('exactly at the maximum: no warning, all of it counts', () => {
    const p = run(packId, input(base()));
    expect(row(p, 'nonclinical-max')).toEqual({
      counted: cap,
      required: cap,
      remaining: 0,
      met: true,
      excess: 0,
    });
    expect(row(p, 'total').counted).toBe(cap);
    expect(warningsOf(p, 'nonclinical_over_max')).toEqual([]);
  });

  it('1 h over: warned, and the excess does not count toward the total', () => {
    const p = run(packId, input([...base(), entry('2026-11-21', 'nonclinical', 60)]));
    // cap + 60 logged, 60 over; the total counts cap + 0
    expect(row(p, 'nonclinical-max')).toMatchObject({ counted: cap + 60, met: false, excess: 60 });
    expect(row(p, 'total').counted).toBe(cap);
    expect(warningsOf(p, 'nonclinical_over_max')).toEqual([
      expect.objectContaining({ minutes: 60 }),
    ]);
  });

  it('supervision counts toward the non-clinical maximum', () => {
    // cap − 60 of non-clinical + 60 individual supervision = cap; one more hour of supervision = cap + 60
    const entries = base();
    const last = entries.at(-1);
    if (last) last.minutes -= 60;
    const atCap = [...entries, entry('2026-11-20', 'supervision_individual', 60)];
    expect(row(run(packId, input(atCap)), 'nonclinical-max')).toMatchObject({ excess: 0 });
    const over = [...atCap, entry('2026-11-21', 'supervision_individual', 60)];
    expect(row(run(packId, input(over)), 'nonclinical-max')).toMatchObject({ excess: 60 });
  });
});

describe.each(WEEKLY_RULE_PACKS)('%s: hours count for 6 years', (packId) => {
  // 72 months after the entry's date it stops counting: 2020-11-23 + 72 months = 2026-11-23 = TODAY.

  it('an entry exactly 6 years old no longer counts; one a day younger still does', () => {
    const p = run(
      packId,
      input([entry('2020-11-23', 'nonclinical', 300), entry('2020-11-24', 'nonclinical', 120)]),
    );
    expect(p.totals).toMatchObject({ countingMinutes: 120, expiredMinutes: 300 });
    expect(row(p, 'total').counted).toBe(120);
    // The younger one lapses tomorrow, 2020-11-24 + 72 months = 2026-11-24
    expect(warningsOf(p, 'hours_expiring')).toEqual([
      {
        code: 'hours_expiring',
        message:
          '2 h of experience stops counting on 2026-11-24 (hours count for 6 years after they are logged).',
        date: '2026-11-24',
        endDate: '2026-11-24',
        minutes: 120,
      },
    ]);
  });

  it.each([
    {
      // TODAY + 90 = 2027-02-21: an entry of 2021-02-21 lapses that day → warned.
      // An entry of 2021-02-22 lapses 2027-02-22 = TODAY + 91 → not yet.
      rule: 'warns for hours lapsing within 90 days, not 91',
      logged: { '2021-02-21': 45, '2021-02-22': 600 },
      warned: { date: '2027-02-21', endDate: '2027-02-21', minutes: 45 },
    },
    {
      // 2020-12-01 → 2026-12-01 and 2021-01-15 → 2027-01-15, both within 90 days: 30 + 90 = 120
      rule: 'sums several lapse dates into one warning',
      logged: { '2020-12-01': 30, '2021-01-15': 90 },
      warned: { date: '2026-12-01', endDate: '2027-01-15', minutes: 120 },
    },
  ])('$rule', ({ logged, warned }) => {
    const entries = Object.entries(logged).map(([date, m]) => entry(date, 'nonclinical', m));
    expect(warningsOf(run(packId, input(entries)), 'hours_expiring')).toEqual([
      expect.objectContaining(warned),
    ]);
  });
});

// 16 CCR §1833(c)(1) (LMFT) and §1869(c)(1) (LCSW); the generic template copies LMFT's. The LPCC
// pack has no agreement rule: its regulation could not be read when the packs were checked.
const AGREEMENT_PACKS = ['ca-bbs-lmft', 'ca-bbs-lcsw', 'generic'] as const;

it('ca-bbs-lpcc: no agreement deadline is checked', () => {
  const data = input([], {
    supervisionStartDate: addDaysIso(TODAY, -200),
    agreementSignedOn: null,
  });
  expect(warningsOf(run('ca-bbs-lpcc', data), 'agreement_missing')).toEqual([]);
});

describe.each(AGREEMENT_PACKS)('%s: supervision agreement within 60 days', (packId) => {
  const started = (daysAgo: number, signed: string | null = null) =>
    input([], {
      supervisionStartDate: addDaysIso(TODAY, -daysAgo),
      agreementSignedOn: signed,
    });

  it('day 59 and day 60: not yet', () => {
    expect(warningsOf(run(packId, started(59)), 'agreement_missing')).toEqual([]); // 2026-09-25
    expect(warningsOf(run(packId, started(60)), 'agreement_missing')).toEqual([]); // 2026-09-24
  });

  it('day 61 without an agreement: warned', () => {
    // started 2026-09-23; due 2026-09-23 + 60 = 2026-11-22
    expect(warningsOf(run(packId, started(61)), 'agreement_missing')).toEqual([
      {
        code: 'agreement_missing',
        message:
          'Supervision started 2026-09-23 and has no signed agreement; it was due by 2026-11-22 (60 days).',
        date: '2026-09-23',
        endDate: '2026-11-22',
      },
    ]);
  });

  it('day 61 with a signed agreement (even a late one): fine', () => {
    expect(warningsOf(run(packId, started(61, '2026-11-23')), 'agreement_missing')).toEqual([]);
  });

  it('per assignment', () => {
    const data = input([], {
      assignments: [
        { supervisorId: 1, startDate: '2026-01-05', agreementSignedOn: '2026-01-20' },
        { supervisorId: 2, startDate: '2026-08-01', agreementSignedOn: null },
      ],
    });
    // supervisor 2: 2026-08-01 + 60 = 2026-09-30, long past
    expect(warningsOf(run(packId, data), 'agreement_missing')).toEqual([
      expect.objectContaining({
        supervisorId: 2,
        date: '2026-08-01',
        endDate: '2026-09-30',
        message: expect.stringContaining('with Sam Ortiz'),
      }),
    ]);
  });
});

describe.each(ALL_PACKS)('%s: supervisor license', (packId) => {
  const withLicense = (licenseExpires: string, extra: Partial<ProgressInput> = {}) =>
    input([], {
      supervisors: [{ ...SUPERVISORS[0], id: 1, licenseType: 'LMFT', licenseExpires }],
      assignments: [{ supervisorId: 1, startDate: '2026-01-05', agreementSignedOn: '2026-01-05' }],
      ...extra,
    });

  it('expiring today: still valid', () => {
    expect(warningsOf(run(packId, withLicense(TODAY)), 'supervisor_license_expired')).toEqual([]);
  });

  it('expired yesterday, still assigned: warned', () => {
    expect(
      warningsOf(run(packId, withLicense('2026-11-22')), 'supervisor_license_expired'),
    ).toEqual([
      {
        code: 'supervisor_license_expired',
        message: "Dana Reyes's license expired on 2026-11-22.",
        date: '2026-11-22',
        minutes: 0,
        supervisorId: 1,
      },
    ]);
  });

  it('hours logged under them after expiry are counted in the warning', () => {
    const data = withLicense('2026-11-01', {
      assignments: [], // no longer assigned: only the hours matter
      entries: [
        entry('2026-10-30', 'supervision_individual', 120), // before expiry
        entry('2026-11-01', 'supervision_individual', 30), // on the expiry day: still valid
        entry('2026-11-02', 'supervision_individual', 60), // after: 60 min at risk
      ],
    });
    expect(warningsOf(run(packId, data), 'supervisor_license_expired')).toEqual([
      expect.objectContaining({ supervisorId: 1, date: '2026-11-01', minutes: 60 }),
    ]);
  });

  it('a former supervisor whose hours all predate expiry: no warning', () => {
    const data = withLicense('2025-06-30', {
      assignments: [
        {
          supervisorId: 1,
          startDate: '2024-01-01',
          endDate: '2025-06-30',
          agreementSignedOn: '2024-01-01',
        },
      ],
      entries: [entry('2025-06-30', 'supervision_individual', 60)],
    });
    expect(warningsOf(run(packId, data), 'supervisor_license_expired')).toEqual([]);
  });
});

describe.each(ALL_PACKS)('%s: weeks waiting for sign-off', (packId) => {
  const submitted = (submittedAt: string, approved = false) =>
    input([], { submittedWeeks: [{ weekStart: '2026-11-02', submittedAt, approved }] });

  it('14 days after submission: not yet', () => {
    // submitted 2026-11-09; 2026-11-23 − 2026-11-09 = 14 days
    const p = run(packId, submitted('2026-11-09T18:30:00.000Z'));
    expect(warningsOf(p, 'week_unsigned')).toEqual([]);
  });

  it('15 days after submission: warned', () => {
    // submitted 2026-11-08; 15 days > 14
    const p = run(packId, submitted('2026-11-08T09:00:00.000Z'));
    expect(warningsOf(p, 'week_unsigned')).toEqual([
      {
        code: 'week_unsigned',
        message: 'Week of 2026-11-02 was submitted on 2026-11-08 and is not signed after 15 days.',
        weekStart: '2026-11-02',
        date: '2026-11-08',
      },
    ]);
  });

  it('approved weeks are never flagged', () => {
    const p = run(packId, submitted('2026-10-01T09:00:00.000Z', true));
    expect(warningsOf(p, 'week_unsigned')).toEqual([]);
  });
});

describe('warning order', () => {
  it('follows the list of codes, then dates', () => {
    const data = input(
      [
        entry('2026-11-02', 'direct_individual', h(20)),
        entry('2026-11-03', 'direct_individual', h(21)),
        entry('2020-12-01', 'nonclinical', 30),
      ],
      {
        supervisionStartDate: '2026-01-05',
        agreementSignedOn: null,
        submittedWeeks: [{ weekStart: '2026-10-26', submittedAt: '2026-11-01', approved: false }],
      },
    );
    expect(run('ca-bbs-lmft', data).warnings.map((w) => w.code)).toEqual([
      'weekly_cap_exceeded', // 41 h from 11-02
      'supervision_missing', // week of 11-02: 41 h direct, no supervision
      'hours_expiring', // 2020-12-01 lapses 2026-12-01
      'agreement_missing', // started 2026-01-05
      'week_unsigned', // 22 days
    ]);
  });
});
