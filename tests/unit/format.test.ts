import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimalHours, formatMinutes } from '../../shared/domain/format.js';

describe('figures with thousands separators (issue 19)', () => {
  it.each([
    [0, '0.00'],
    [45, '0.75'],
    [75_000, '1,250.00'],
    [6_000_030, '100,000.50'],
  ])('%i minutes print as %s hours', (m, text) => expect(formatDecimalHours(m)).toBe(text));

  it.each([
    [75_030, '1,250 h 30 min'],
    [60_000, '1,000 h'],
  ])('%i minutes read as %s', (m, text) => expect(formatMinutes(m)).toBe(text));

  it('groups whole counts', () => expect(formatCount(104_000)).toBe('104,000'));
  it('writes every count as en-US does, with or without the short path below 1,000', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const n of [...Array.from({ length: 2100 }, (_, i) => i), -0, -1, -999, 0.4, 2.5, 999.6])
      expect(formatCount(n)).toBe(intl.format(n));
  });
});
