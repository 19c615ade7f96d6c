import { addDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  applyRetention,
  goneFromBackupsBy,
  parseDuration,
  retentionPolicyProblems,
  type RetentionPolicy,
} from '../../shared/domain/retention.js';
import { NO_RULES } from '../support/retention.js';

/** Local wall-clock times, as the backups' own timestamps are read. Ids are the timestamps. */
const at = (s: string) => new Date(s);
const backups = (...times: string[]) => times.map((t) => ({ id: t, createdAt: at(t) }));
const policy = (p: Partial<RetentionPolicy>): RetentionPolicy => ({ ...NO_RULES, ...p });
const kept = (list: ReturnType<typeof backups>, p: RetentionPolicy, now: string) =>
  applyRetention(list, p, at(now))
    .filter((d) => d.keep)
    .map((d) => d.id);

describe('retention: restic forget rules plus a hard expiry', () => {
  it.each([
    {
      rule: 'keeps the newest backup of each of the last n days that have one',
      times: [
        '2026-11-20T09:00',
        '2026-11-20T18:00',
        '2026-11-21T09:00',
        '2026-11-21T18:00',
        '2026-11-22T09:00',
        '2026-11-22T18:00',
        '2026-11-23T09:00',
        '2026-11-23T18:00',
      ],
      rules: { keepDaily: 3 },
      now: '2026-11-23T20:00',
      keeps: ['2026-11-21T18:00', '2026-11-22T18:00', '2026-11-23T18:00'],
    },
    {
      rule: 'does not use up a count on periods with no backup (gaps of several weeks)',
      times: ['2026-06-01T10:00', '2026-09-01T10:00', '2026-11-02T10:00', '2026-11-23T10:00'],
      rules: { keepWeekly: 3 },
      now: '2026-11-23T12:00',
      keeps: ['2026-09-01T10:00', '2026-11-02T10:00', '2026-11-23T10:00'],
    },
    {
      // Sunday the 22nd and Monday the 23rd fall in different weeks; Saturday shares Sunday's.
      rule: 'counts weeks Monday to Sunday',
      times: ['2026-11-21T10:00', '2026-11-22T10:00', '2026-11-23T10:00'],
      rules: { keepWeekly: 2 },
      now: '2026-11-23T12:00',
      keeps: ['2026-11-22T10:00', '2026-11-23T10:00'],
    },
  ])('$rule', ({ times, rules, now, keeps }) => {
    expect(kept(backups(...times), policy(rules), now)).toEqual(keeps);
  });

  it('keeps the oldest backup as well while a rule still has counts left', () => {
    const list = backups('2026-11-20T09:00', '2026-11-20T18:00', '2026-11-21T12:00');
    const result = applyRetention(list, policy({ keepDaily: 7 }), at('2026-11-23T12:00'));
    expect(result.map((d) => [d.id, d.keep, d.reasons])).toEqual([
      ['2026-11-20T09:00', true, ['daily']],
      ['2026-11-20T18:00', true, ['daily']],
      ['2026-11-21T12:00', true, ['daily']],
    ]);
  });

  it('lets one backup satisfy several rules, each counting it once', () => {
    const [only] = applyRetention(
      backups('2026-11-23T02:00'),
      DEFAULT_RETENTION,
      at('2026-11-23T12:00'),
    );
    expect(only?.reasons).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('keeps a future-dated backup without letting it push out real ones', () => {
    const list = backups('2026-11-22T10:00', '2026-11-23T10:00', '2027-01-01T10:00');
    const result = applyRetention(list, policy({ keepLast: 1 }), at('2026-11-23T12:00'));
    expect(result.map((d) => [d.id, d.keep, d.reasons])).toEqual([
      ['2026-11-22T10:00', false, []],
      ['2026-11-23T10:00', true, ['last']],
      ['2027-01-01T10:00', true, ['future']],
    ]);
  });

  it('removes a backup past the expiry age even when a keep rule wants it', () => {
    const list = backups('2024-06-01T10:00', '2025-11-24T10:00', '2026-11-20T10:00');
    const result = applyRetention(list, policy({ keepYearly: 5 }), at('2026-11-23T12:00'));
    expect(result.map((d) => [d.id, d.keep, d.expired])).toEqual([
      ['2024-06-01T10:00', false, true],
      ['2025-11-24T10:00', true, false],
      ['2026-11-20T10:00', true, false],
    ]);
    expect(format(result[1]?.expiresOn ?? 0, "yyyy-MM-dd'T'HH:mm")).toBe('2026-11-24T10:00');
  });

  it('expires at exactly the expiry age, not a second before', () => {
    const list = backups('2025-11-23T12:00:00', '2025-11-23T12:00:01');
    const result = applyRetention(list, policy({ keepLast: 5 }), at('2026-11-23T12:00:00'));
    expect(result.map((d) => d.expired)).toEqual([true, false]);
  });

  it('keeps 21 of a year of daily backups under the defaults (7 daily, 5 weekly, 12 monthly)', () => {
    const list = Array.from({ length: 365 }, (_, i) => {
      const d = addDays(at('2025-11-24T02:00'), i);
      return { id: format(d, 'yyyy-MM-dd'), createdAt: d };
    });
    const result = kept(list, DEFAULT_RETENTION, '2026-11-23T12:00');
    expect(result).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
  });

  it('refuses an empty policy, naming the field', () => {
    const none = {
      keepLast:
        'Keep at least one backup by some rule (last, hourly, daily, weekly, monthly, yearly or within)',
    };
    expect(retentionPolicyProblems(NO_RULES)).toEqual(none);
    // A zero duration keeps nothing either; any other duration is a rule.
    expect(retentionPolicyProblems(policy({ keepWithin: '0d' }))).toEqual(none);
    expect(retentionPolicyProblems(policy({ keepWithin: '12h' }))).toEqual({});
    expect(retentionPolicyProblems(policy({ keepHourly: 1 }))).toEqual({});
    expect(() =>
      applyRetention(backups('2026-11-23T10:00'), NO_RULES, at('2026-11-23T12:00')),
    ).toThrow(/Retention policy refused: Keep at least one backup/);
  });

  it('refuses negative, fractional and zero-day settings', () => {
    expect(
      retentionPolicyProblems(
        policy({ keepDaily: -1, keepWeekly: 1.5, expiryDays: 0, keepLast: 1 }),
      ),
    ).toEqual({
      keepDaily: 'Must be a whole number, 0 or more',
      keepWeekly: 'Must be a whole number, 0 or more',
      expiryDays: 'Backups must be kept at least 1 day',
    });
  });

  it('states when data deleted now is gone from every backup', () => {
    const list = backups('2026-11-01T02:00', '2026-11-23T02:00');
    expect(
      format(goneFromBackupsBy(list, DEFAULT_RETENTION, at('2026-11-23T12:00')), 'yyyy-MM-dd'),
    ).toBe('2027-11-23');
    expect(goneFromBackupsBy([], DEFAULT_RETENTION, at('2026-11-23T12:00'))).toEqual(
      at('2026-11-23T12:00'),
    );
  });
});

describe('retention: keep-hourly and keep-within, with restic’s meaning', () => {
  it('keeps the newest backup of each of the last n hours that have one', () => {
    const list = backups(
      '2026-11-23T09:10',
      '2026-11-23T09:50',
      '2026-11-23T10:05',
      '2026-11-23T10:40',
      '2026-11-23T11:20',
    );
    expect(kept(list, policy({ keepHourly: 2 }), '2026-11-23T12:00')).toEqual([
      '2026-11-23T10:40',
      '2026-11-23T11:20',
    ]);
    // With counts left at the oldest backup, it is kept as well (restic's "oldest hourly").
    expect(kept(list, policy({ keepHourly: 5 }), '2026-11-23T12:00')).toEqual([
      '2026-11-23T09:10',
      '2026-11-23T09:50',
      '2026-11-23T10:40',
      '2026-11-23T11:20',
    ]);
  });

  it('counts keep-within back from the newest backup, not from now', () => {
    const list = backups(
      '2026-11-01T10:00',
      '2026-11-08T10:00',
      '2026-11-09T10:00',
      '2026-11-10T10:00',
    );
    // Ten days after the last backup, "2d" still keeps the last two days of backups.
    const result = applyRetention(list, policy({ keepWithin: '2d' }), at('2026-11-20T12:00'));
    expect(result.map((d) => [d.id, d.keep, d.reasons])).toEqual([
      ['2026-11-01T10:00', false, []],
      ['2026-11-08T10:00', false, []], // exactly at the cut-off: not after it
      ['2026-11-09T10:00', true, ['within']],
      ['2026-11-10T10:00', true, ['within']],
    ]);
  });

  it.each([
    // Months come off the calendar; a day past the month's end carries over (31 Mar − 1m = 3 Mar).
    ['1m', '2026-03-31T10:00', ['2026-03-03T10:00', '2026-03-03T10:01'], [false, true]],
    ['36h', '2026-11-10T12:00', ['2026-11-09T00:00', '2026-11-09T00:01'], [false, true]],
    ['1y2m3d4h', '2026-05-10T12:00', ['2025-03-07T08:00', '2025-03-07T08:01'], [false, true]],
    ['1Y 2M', '2026-05-10T12:00', ['2025-03-10T12:00', '2025-03-10T12:01'], [false, true]],
  ] as const)('cuts keep-within %s before %s where restic does', (within, newest, older, keeps) => {
    const list = backups(...older, newest);
    const result = applyRetention(
      list,
      policy({ keepWithin: within, expiryDays: 3650 }),
      at(newest),
    );
    expect(result.map((d) => d.keep)).toEqual([...keeps, true]);
  });

  it('ignores a future-dated backup as the reference, and uses up no count', () => {
    const list = backups(
      '2026-11-20T10:00',
      '2026-11-21T10:00',
      '2026-11-22T10:00',
      '2027-01-01T10:00',
    );
    const result = applyRetention(
      list,
      policy({ keepWithin: '1d', keepLast: 1 }),
      at('2026-11-22T12:00'),
    );
    expect(result.map((d) => [d.id, d.reasons])).toEqual([
      ['2026-11-20T10:00', []],
      ['2026-11-21T10:00', []],
      ['2026-11-22T10:00', ['within', 'last']],
      ['2027-01-01T10:00', ['future']],
    ]);
  });

  it('lets the hard expiry win over keep-within', () => {
    const list = backups('2025-01-01T10:00', '2025-06-01T10:00');
    const result = applyRetention(
      list,
      policy({ keepWithin: '1y', expiryDays: 30 }),
      at('2025-06-20T10:00'),
    );
    expect(result.map((d) => [d.keep, d.expired])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it.each(['7w', '1d2y', '-1d', 'd', '1.5d', '7 days', '1y1y', '999999d'])(
    'refuses %j as a duration, naming the field',
    (within) => {
      expect(parseDuration(within)).toBeNull();
      expect(retentionPolicyProblems(policy({ keepLast: 1, keepWithin: within }))).toEqual({
        keepWithin: 'Use a duration such as 7d, 2m or 1y6m (y years, m months, d days, h hours)',
      });
    },
  );

  /**
   * restic's own table (internal/data/snapshot_policy_test.go and its testdata files
   * policy_keep_snapshots_5 and _21 to _29): the same snapshots, the same kept sets.
   */
  describe('matches restic’s test data', () => {
    const RESTIC = [
      '2014-09-01 10:20:30',
      '2014-09-02 10:20:30',
      '2014-09-05 10:20:30',
      '2014-09-06 10:20:30',
      '2014-09-08 10:20:30',
      '2014-09-09 10:20:30',
      '2014-09-10 10:20:30',
      '2014-09-11 10:20:30',
      '2014-09-20 10:20:30',
      '2014-09-22 10:20:30',
      '2014-08-08 10:20:30',
      '2014-08-10 10:20:30',
      '2014-08-12 10:20:30',
      '2014-08-13 10:20:30',
      '2014-08-13 10:20:30.1',
      '2014-08-15 10:20:30',
      '2014-08-18 10:20:30',
      '2014-08-20 10:20:30',
      '2014-08-21 10:20:30',
      '2014-08-22 10:20:30',
      '2014-10-01 10:20:30',
      '2014-10-02 10:20:30',
      '2014-10-05 10:20:30',
      '2014-10-06 10:20:30',
      '2014-10-08 10:20:30',
      '2014-10-09 10:20:30',
      '2014-10-10 10:20:30',
      '2014-10-11 10:20:30',
      '2014-10-20 10:20:30',
      '2014-10-22 10:20:30',
      '2014-11-08 10:20:30',
      '2014-11-10 10:20:30',
      '2014-11-12 10:20:30',
      '2014-11-13 10:20:30',
      '2014-11-13 10:20:30.1',
      '2014-11-15 10:20:30',
      '2014-11-18 10:20:30',
      '2014-11-20 10:20:30',
      '2014-11-21 10:20:30',
      '2014-11-22 10:20:30',
      '2015-09-01 10:20:30',
      '2015-09-02 10:20:30',
      '2015-09-05 10:20:30',
      '2015-09-06 10:20:30',
      '2015-09-08 10:20:30',
      '2015-09-09 10:20:30',
      '2015-09-10 10:20:30',
      '2015-09-11 10:20:30',
      '2015-09-20 10:20:30',
      '2015-09-22 10:20:30',
      '2015-08-08 10:20:30',
      '2015-08-10 10:20:30',
      '2015-08-12 10:20:30',
      '2015-08-13 10:20:30',
      '2015-08-13 10:20:30.1',
      '2015-08-15 10:20:30',
      '2015-08-18 10:20:30',
      '2015-08-20 10:20:30',
      '2015-08-21 10:20:30',
      '2015-08-22 10:20:30',
      '2015-10-01 10:20:30',
      '2015-10-02 10:20:30',
      '2015-10-05 10:20:30',
      '2015-10-06 10:20:30',
      '2015-10-08 10:20:30',
      '2015-10-09 10:20:30',
      '2015-10-10 10:20:30',
      '2015-10-11 10:20:30',
      '2015-10-20 10:20:30',
      '2015-10-22 10:20:30',
      '2015-10-22 10:20:30',
      '2015-10-22 10:20:30',
      '2015-10-22 10:20:30',
      '2015-10-22 10:20:30',
      '2015-11-08 10:20:30',
      '2015-11-10 10:20:30',
      '2015-11-12 10:20:30',
      '2015-11-13 10:20:30',
      '2015-11-13 10:20:30.1',
      '2015-11-15 10:20:30',
      '2015-11-18 10:20:30',
      '2015-11-20 10:20:30',
      '2015-11-21 10:20:30',
      '2015-11-22 10:20:30',
      '2016-01-01 01:02:03',
      '2016-01-01 01:03:03',
      '2016-01-01 07:08:03',
      '2016-01-03 07:02:03',
      '2016-01-04 10:23:03',
      '2016-01-04 11:23:03',
      '2016-01-04 12:23:03',
      '2016-01-04 12:24:03',
      '2016-01-04 12:28:03',
      '2016-01-04 12:30:03',
      '2016-01-04 16:23:03',
      '2016-01-05 09:02:03',
      '2016-01-06 08:02:03',
      '2016-01-07 10:02:03',
      '2016-01-08 20:02:03',
      '2016-01-09 21:02:03',
      '2016-01-12 21:02:03',
      '2016-01-12 21:08:03',
      '2016-01-18 12:02:03',
    ];
    // restic's snapshot times are UTC wall-clock times; here they are read as local ones, as
    // the rules read backups' times (the same buckets when the test machine runs in UTC).
    const list = RESTIC.map((t, i) => ({ id: `${i}`, createdAt: at(t.replace(' ', 'T')) }));
    const keptTimes = (p: Partial<RetentionPolicy>) =>
      applyRetention(list, policy({ ...p, expiryDays: 3650 }), at('2016-01-19T00:00'))
        .filter((d) => d.keep)
        .map((d) => RESTIC[Number(d.id)])
        .sort()
        .reverse();
    const JAN_2016 = [
      '2016-01-18 12:02:03',
      '2016-01-12 21:08:03',
      '2016-01-12 21:02:03',
      '2016-01-09 21:02:03',
      '2016-01-08 20:02:03',
      '2016-01-07 10:02:03',
      '2016-01-06 08:02:03',
      '2016-01-05 09:02:03',
      '2016-01-04 16:23:03',
      '2016-01-04 12:30:03',
      '2016-01-04 12:28:03',
      '2016-01-04 12:24:03',
      '2016-01-04 12:23:03',
      '2016-01-04 11:23:03',
      '2016-01-04 10:23:03',
      '2016-01-03 07:02:03',
      '2016-01-01 07:08:03',
      '2016-01-01 01:03:03',
      '2016-01-01 01:02:03',
    ];

    it('keep-hourly 20 (testdata 5)', () => {
      expect(keptTimes({ keepHourly: 20 })).toEqual([
        '2016-01-18 12:02:03',
        '2016-01-12 21:08:03',
        '2016-01-09 21:02:03',
        '2016-01-08 20:02:03',
        '2016-01-07 10:02:03',
        '2016-01-06 08:02:03',
        '2016-01-05 09:02:03',
        '2016-01-04 16:23:03',
        '2016-01-04 12:30:03',
        '2016-01-04 11:23:03',
        '2016-01-04 10:23:03',
        '2016-01-03 07:02:03',
        '2016-01-01 07:08:03',
        '2016-01-01 01:03:03',
        '2015-11-22 10:20:30',
        '2015-11-21 10:20:30',
        '2015-11-20 10:20:30',
        '2015-11-18 10:20:30',
        '2015-11-15 10:20:30',
        '2015-11-13 10:20:30.1',
      ]);
    });

    it.each([
      ['1d', 1, '2016-01-18 12:02:03'],
      ['2d', 1, '2016-01-18 12:02:03'],
      ['7d', 3, '2016-01-12 21:02:03'],
      ['1m', 19, '2016-01-01 01:02:03'],
      ['1m14d', 19, '2016-01-01 01:02:03'],
      ['13d23h', 9, '2016-01-04 16:23:03'],
      ['2m2h', 23, '2015-11-18 10:20:30'],
      ['1y2m3d3h', 68, '2014-11-15 10:20:30'],
    ])('keep-within %s keeps %i, back to %s (testdata 21–29)', (within, count, oldest) => {
      const times = keptTimes({ keepWithin: within });
      expect(times).toHaveLength(count);
      expect(times.at(-1)).toBe(oldest);
      if (within === '1m') expect(times).toEqual(JAN_2016);
    });
  });
});
