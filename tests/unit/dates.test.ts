import { describe, expect, it } from 'vitest';
import { addDays, format, startOfWeek } from 'date-fns';
import { addDaysIso, isValidIsoDate, weekDays, weekStartOf } from '../../shared/domain/dates.js';
import { formatMinutes } from '../../shared/domain/format.js';
import { isSupervisorAssigned } from '../../shared/domain/hour-rules.js';

describe('calendar', () => {
  it.each([
    ['2026-11-16', '2026-11-16'], // Monday
    ['2026-11-22', '2026-11-16'], // Sunday belongs to the week before it
    ['2026-11-23', '2026-11-23'],
    ['2027-01-01', '2026-12-28'], // across a year
    ['2026-03-08', '2026-03-02'], // US DST starts
  ])('week of %s starts on Monday %s', (day, monday) => {
    expect(weekStartOf(day)).toBe(monday);
  });

  it('lists seven days Monday to Sunday across a month end', () => {
    expect(weekDays('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['0001-01-01', true],
    ['2026-4-01', false],
    ['2026-04-01T00:00', false],
    ['', false],
  ])('%j is a real date: %s', (value, ok) => {
    expect(isValidIsoDate(value)).toBe(ok);
  });

  it.each([
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [1440, '24 h'],
  ])('%i minutes read as %s', (m, text) => expect(formatMinutes(m)).toBe(text));
});

describe('assignment spans', () => {
  const spans = [
    { supervisorId: 1, siteId: 1, startDate: '2026-01-05', endDate: '2026-06-30' },
    { supervisorId: 2, siteId: 1, startDate: '2026-07-01', endDate: null },
  ];
  it.each([
    [1, 1, '2026-01-05', true],
    [1, 1, '2026-06-30', true],
    [1, 1, '2026-07-01', false],
    [1, 1, '2026-01-04', false],
    [2, 1, '2030-01-01', true],
    [2, 2, '2026-08-01', false],
  ])('supervisor %i at site %i on %s: %s', (sup, site, date, ok) => {
    expect(isSupervisorAssigned(spans, sup, site, date)).toBe(ok);
  });
});

describe('day-number arithmetic agrees with date-fns on every day of 2000–2030', () => {
  it('weekStartOf and addDaysIso', () => {
    const disagreements: string[] = [];
    for (let d = new Date(2000, 0, 1); d.getFullYear() <= 2030; d = addDays(d, 1)) {
      const iso = format(d, 'yyyy-MM-dd');
      const monday = format(startOfWeek(d, { weekStartsOn: 1 }), 'yyyy-MM-dd');
      if (weekStartOf(iso) !== monday) disagreements.push(`weekStartOf ${iso}`);
      for (const k of [-400, -1, 1, 29, 366]) {
        if (addDaysIso(iso, k) !== format(addDays(d, k), 'yyyy-MM-dd'))
          disagreements.push(`addDaysIso ${iso} ${k}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
