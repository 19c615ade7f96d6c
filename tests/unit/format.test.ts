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
});
