import { addDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  applyRetention,
  goneFromBackupsBy,
  retentionPolicyProblems,
  type RetentionPolicy,
} from '../../main/domain/retention.js';

/** Local wall-clock times, as the backups' own timestamps are read. Ids are the timestamps. */
const at = (s: string) => new Date(s);
const backups = (...times: string[]) => times.map((t) => ({ id: t, createdAt: at(t) }));
const NONE: RetentionPolicy = {
  keepLast: 0,
  keepDaily: 0,
  keepWeekly: 0,
  keepMonthly: 0,
  keepYearly: 0,
  expiryDays: 365,
};
const policy = (p: Partial<RetentionPolicy>): RetentionPolicy => ({ ...NONE, ...p });
const kept = (list: ReturnType<typeof backups>, p: RetentionPolicy, now: string) =>
  applyRetention(list, p, at(now))
    .filter((d) => d.keep)
    .map((d) => d.id);

describe('retention: restic forget rules plus a hard expiry', () => {
  it('keeps the newest backup of each of the last n days that have one', () => {
    const list = backups(
      '2026-11-20T09:00',
      '2026-11-20T18:00',
      '2026-11-21T09:00',
      '2026-11-21T18:00',
      '2026-11-22T09:00',
      '2026-11-22T18:00',
      '2026-11-23T09:00',
      '2026-11-23T18:00',
    );
    expect(kept(list, policy({ keepDaily: 3 }), '2026-11-23T20:00')).toEqual([
      '2026-11-21T18:00',
      '2026-11-22T18:00',
      '2026-11-23T18:00',
    ]);
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

  it('does not use up a count on periods with no backup (gaps of several weeks)', () => {
    const list = backups(
      '2026-06-01T10:00',
      '2026-09-01T10:00',
      '2026-11-02T10:00',
      '2026-11-23T10:00',
    );
    expect(kept(list, policy({ keepWeekly: 3 }), '2026-11-23T12:00')).toEqual([
      '2026-09-01T10:00',
      '2026-11-02T10:00',
      '2026-11-23T10:00',
    ]);
  });

  it('counts weeks Monday to Sunday', () => {
    // Sunday the 22nd and Monday the 23rd fall in different weeks; Saturday shares Sunday's.
    const list = backups('2026-11-21T10:00', '2026-11-22T10:00', '2026-11-23T10:00');
    expect(kept(list, policy({ keepWeekly: 2 }), '2026-11-23T12:00')).toEqual([
      '2026-11-22T10:00',
      '2026-11-23T10:00',
    ]);
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
    expect(retentionPolicyProblems(NONE)).toEqual({
      keepLast: 'Keep at least one backup by some rule (last, daily, weekly, monthly or yearly)',
    });
    expect(() => applyRetention(backups('2026-11-23T10:00'), NONE, at('2026-11-23T12:00'))).toThrow(
      /Retention policy refused: Keep at least one backup/,
    );
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
