import { describe, expect, it } from 'vitest';
import {
  progressBucket,
  suppressTable,
  type GroupFigure,
} from '../../shared/domain/privacy/aggregate.js';
import { periodMonths, statisticsCsvRows } from '../../shared/domain/privacy/statistics.js';

const row = (key: string, people: number, value: number): GroupFigure => ({
  key,
  label: key.toUpperCase(),
  people,
  value,
});
const values = (t: ReturnType<typeof suppressTable>) => t.rows.map((r) => r.value);
const marks = (t: ReturnType<typeof suppressTable>) => t.rows.map((r) => r.suppressed);

describe('suppressTable', () => {
  it('shows every group of 5 or more people as it is', () => {
    const t = suppressTable([row('a', 5, 100), row('b', 9, 300)], { people: 12, value: 400 });
    expect(values(t)).toEqual([100, 300]);
    expect(t.rows.map((r) => r.people)).toEqual([5, 9]);
    expect(t.total).toEqual({ value: 400, people: 12, suppressed: null });
    expect(t.suppressedRows).toBe(0);
  });

  it('hides a group of fewer than 5 and, with the total shown, the smallest other group too', () => {
    // Without the second cell the hidden one would be 1000 - 500 - 300 - 120 = 80.
    const t = suppressTable(
      [row('a', 6, 500), row('b', 3, 80), row('c', 7, 300), row('d', 5, 120)],
      { people: 12, value: 1000 },
    );
    expect(marks(t)).toEqual([null, 'small', null, 'complementary']);
    expect(values(t)).toEqual([500, null, 300, null]);
    expect(t.rows[1]?.people).toBeNull();
    expect(t.total.value).toBe(1000);
    expect(t.suppressedRows).toBe(2);
  });

  it('needs no second cell when two groups are already small', () => {
    const t = suppressTable([row('a', 2, 50), row('b', 4, 70), row('c', 9, 400)], {
      people: 12,
      value: 520,
    });
    expect(marks(t)).toEqual(['small', 'small', null]);
    expect(t.total.value).toBe(520);
  });

  it('never uses an empty group as the second cell: a hidden zero is still known', () => {
    const t = suppressTable([row('a', 0, 0), row('b', 2, 40), row('c', 8, 200), row('d', 6, 90)], {
      people: 10,
      value: 330,
    });
    expect(values(t)).toEqual([0, null, 200, null]);
    expect(marks(t)).toEqual([null, 'small', null, 'complementary']);
  });

  it('hides the total when no second cell can be hidden', () => {
    const t = suppressTable([row('a', 3, 40), row('b', 0, 0)], { people: 6, value: 40 });
    expect(marks(t)).toEqual(['small', null]);
    expect(t.total).toEqual({ value: null, people: null, suppressed: 'complementary' });
  });

  it('hides the whole table when fewer than 5 people are in it', () => {
    const t = suppressTable([row('a', 3, 40), row('b', 2, 10), row('c', 0, 0)], {
      people: 4,
      value: 50,
    });
    expect(marks(t)).toEqual(['small', 'small', null]);
    expect(t.total.suppressed).toBe('small');
    expect(t.total.value).toBeNull();
  });

  it('shows an empty table as zeros', () => {
    const t = suppressTable([row('a', 0, 0)], { people: 0, value: 0 });
    expect(values(t)).toEqual([0]);
    expect(t.total).toEqual({ value: 0, people: 0, suppressed: null });
  });

  it('breaks a tie for the second cell by fewer people', () => {
    const t = suppressTable([row('a', 1, 10), row('b', 9, 50), row('c', 6, 50)], {
      people: 12,
      value: 110,
    });
    expect(marks(t)).toEqual(['small', null, 'complementary']);
  });
});

describe('progressBucket', () => {
  it('buckets by share of the total, met at or above it', () => {
    expect(progressBucket(0, 1000)).toBe('0-25');
    expect(progressBucket(249, 1000)).toBe('0-25');
    expect(progressBucket(250, 1000)).toBe('25-50');
    expect(progressBucket(749, 1000)).toBe('50-75');
    expect(progressBucket(999, 1000)).toBe('75-100');
    expect(progressBucket(1000, 1000)).toBe('met');
    expect(progressBucket(10, 0)).toBe('met');
  });
});

describe('periodMonths', () => {
  it('gives the twelve months ending with the current one, or a calendar year', () => {
    expect(periodMonths('2026-11-20', null)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(periodMonths('2026-12-05', null)[0]).toBe('2026-01');
    expect(periodMonths('2026-11-20', 2025)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
  });
});

describe('statisticsCsvRows', () => {
  it('writes hidden cells as <5 or "suppressed" and never a hidden value', () => {
    const byCategory = suppressTable([row('a', 6, 600), row('b', 2, 120), row('c', 7, 300)], {
      people: 9,
      value: 1020,
    });
    const empty = suppressTable([], { people: 0, value: 0 });
    const rows = statisticsCsvRows({
      period: { from: '2026-01-01', to: '2026-11-20', year: 2026, label: '2026' },
      asOf: '2026-11-20',
      consenting: 9,
      notConsenting: 2,
      years: [2026],
      byCategory: byCategory as never,
      bySite: empty,
      byMonth: empty,
      progress: empty as never,
    });
    expect(rows).toContainEqual(['A', '10.00', '6']);
    expect(rows).toContainEqual(['B', '<5', '<5']);
    expect(rows).toContainEqual(['C', 'suppressed', 'suppressed']);
    expect(rows).toContainEqual(['Total', '17.00', '9']);
    expect(rows.flat()).not.toContain('2.00');
    expect(rows.flat()).not.toContain('5.00');
  });
});
