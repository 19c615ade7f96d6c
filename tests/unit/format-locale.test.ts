import { afterEach, describe, expect, it } from 'vitest';
import {
  dateLocale,
  dateStyleOf,
  formatDate,
  formatDateLong,
  formatDateTime,
  formatDayShort,
  formatIfDate,
  formatWeekRange,
  setDateLocale,
} from '../../shared/domain/format.js';

// The suites run in en-GB (tests/support/date-locale.ts); these switch and switch back.
afterEach(() => setDateLocale('en-GB'));

describe('dates follow the locale’s order and clock', () => {
  it('en-GB: day month year, 24-hour', () => {
    setDateLocale('en-GB');
    expect(formatDate('2026-11-16')).toBe('16 Nov 2026');
    expect(formatDateLong('2026-11-16')).toBe('16 November 2026');
    expect(formatDayShort('2026-11-16')).toBe('Mon 16 Nov');
    expect(formatWeekRange('2026-11-16')).toBe('16–22 Nov 2026');
    expect(formatWeekRange('2026-11-30')).toBe('30 Nov – 6 Dec 2026');
    expect(formatWeekRange('2025-12-29')).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(formatDateTime(new Date(2026, 10, 16, 14, 5))).toBe('16 Nov 2026, 14:05');
  });

  it('en-US: month day, year, 12-hour', () => {
    setDateLocale('en-US');
    expect(formatDate('2026-11-16')).toBe('Nov 16, 2026');
    expect(formatDateLong('2026-11-16')).toBe('November 16, 2026');
    expect(formatDayShort('2026-11-16')).toBe('Mon, Nov 16');
    expect(formatWeekRange('2026-11-16')).toBe('Nov 16–22, 2026');
    expect(formatWeekRange('2026-11-30')).toBe('Nov 30 – Dec 6, 2026');
    expect(formatWeekRange('2025-12-29')).toBe('Dec 29, 2025 – Jan 4, 2026');
    expect(formatDateTime(new Date(2026, 10, 16, 14, 5))).toBe('Nov 16, 2026, 2:05 PM');
    expect(formatIfDate('2026-11-16')).toBe('Nov 16, 2026');
  });

  it('German, French and Australian write the day first; Japanese and Hungarian the year', () => {
    for (const tag of ['de-DE', 'fr-FR', 'en-AU', 'en-IE']) {
      expect(dateStyleOf(tag).order, tag).toBe('dmy');
    }
    expect(dateStyleOf('de-DE').hour12).toBe(false);
    expect(dateStyleOf('en-CA').hour12).toBe(true);
    for (const tag of ['ja-JP', 'hu-HU', 'zh-CN']) expect(dateStyleOf(tag).order, tag).toBe('ymd');
    setDateLocale('ja-JP');
    expect(formatDate('2026-11-16')).toBe('2026 Nov 16');
    expect(formatWeekRange('2026-11-16')).toBe('2026 Nov 16–22');
  });

  it('an unknown or malformed tag reads as en-US rather than failing', () => {
    for (const tag of ['', 'not a locale', 'xx-!!', null, undefined]) {
      setDateLocale(tag);
      expect(dateLocale()).toBe('en-US');
      expect(formatDate('2026-11-16')).toBe('Nov 16, 2026');
    }
  });

  it('the month is always a word, so 3/4 can never be misread', () => {
    for (const tag of ['en-GB', 'en-US', 'de-DE', 'ja-JP']) {
      setDateLocale(tag);
      expect(formatDate('2026-03-04')).toMatch(/Mar/);
    }
  });
});
