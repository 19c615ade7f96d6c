import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../shared/domain/settings.js';
import { makeSettingsStore, type SettingsBackend } from '../../main/platform/settings.js';
import { NO_RULES } from '../support/retention.js';

const backend = (stored: unknown): SettingsBackend => {
  let value = stored;
  return { get: () => value, set: (_k, v) => (value = v) };
};

describe('settings: the retention policy', () => {
  it('reads a settings file from before keep-hourly and keep-within with both off', () => {
    const store = makeSettingsStore(
      backend({
        idleMinutes: 15,
        retention: {
          keepLast: 2,
          keepDaily: 3,
          keepWeekly: 0,
          keepMonthly: 0,
          keepYearly: 0,
          expiryDays: 90,
        },
      }),
    );
    expect(store.get()).toMatchObject({
      idleMinutes: 15,
      retention: { keepLast: 2, keepHourly: 0, keepWithin: null, expiryDays: 90 },
    });
  });

  it('normalises keep-within, turns a blank or zero duration off, and names a bad one', () => {
    const retention = (keepWithin: unknown) =>
      settingsSchema.shape.retention.safeParse({ ...NO_RULES, keepWithin });
    expect(retention(' 1Y 6M ').data?.keepWithin).toBe('1y6m');
    for (const off of ['', '0d', null, undefined]) {
      const r = retention(off);
      expect(r.success).toBe(false); // nothing else keeps a backup
      expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['keepLast']);
    }
    expect(retention('2 weeks').error?.issues[0]).toMatchObject({
      path: ['keepWithin'],
      message: 'Use a duration such as 7d, 2m or 1y6m (y years, m months, d days, h hours)',
    });
  });
});
