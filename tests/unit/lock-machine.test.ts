import { describe, expect, it } from 'vitest';
import {
  initialLockState,
  reduceLock,
  type LockEvent,
  type LockState,
} from '../../shared/domain/lock-machine.js';

const MIN = 60_000;
const run = (events: LockEvent[], idle: 1 | 5 | 15 = 5, start = initialLockState(0)): LockState =>
  events.reduce((s, e) => reduceLock(s, e, idle), start);

describe('lock state machine', () => {
  it('stays unlocked just before the idle timeout and locks at it', () => {
    expect(run([{ type: 'tick', at: 5 * MIN - 1 }]).locked).toBe(false);
    expect(run([{ type: 'tick', at: 5 * MIN }])).toMatchObject({
      locked: true,
      reason: 'idle',
      lockedAt: 5 * MIN,
    });
  });

  it('measures idle from the last app activity', () => {
    const s = run([
      { type: 'activity', at: 4 * MIN },
      { type: 'tick', at: 8 * MIN },
    ]);
    expect(s.locked).toBe(false);
    expect(run([{ type: 'tick', at: 9 * MIN }], 5, s).locked).toBe(true);
  });

  it('uses the OS idle time when it is shorter (the user is at the machine)', () => {
    expect(run([{ type: 'tick', at: 30 * MIN, osIdleSeconds: 60 }]).locked).toBe(false);
    expect(run([{ type: 'tick', at: 30 * MIN, osIdleSeconds: 300 }]).locked).toBe(true);
  });

  it.each([1, 5, 15] as const)('honours a %i-minute setting', (m) => {
    expect(run([{ type: 'tick', at: m * MIN - 1 }], m).locked).toBe(false);
    expect(run([{ type: 'tick', at: m * MIN }], m).locked).toBe(true);
  });

  it.each(['os-lock', 'suspend', 'manual'] as const)(
    'locks at once on %s, keeping the first reason',
    (type) => {
      const s = run([
        { type, at: 1000 },
        { type: 'manual', at: 2000 },
      ]);
      expect(s).toMatchObject({ locked: true, reason: type, lockedAt: 1000 });
    },
  );

  it('ignores activity while locked, so input behind the lock screen keeps it locked', () => {
    const s = run([
      { type: 'manual', at: 1000 },
      { type: 'activity', at: 2000 },
    ]);
    expect(s.lastActivityAt).toBe(0);
    expect(s.locked).toBe(true);
  });

  it('restarts the idle count on unlock', () => {
    const s = run([
      { type: 'tick', at: 10 * MIN },
      { type: 'unlocked', at: 11 * MIN },
      { type: 'tick', at: 15 * MIN },
    ]);
    expect(s).toMatchObject({ locked: false, reason: null, lastActivityAt: 11 * MIN });
    expect(run([{ type: 'tick', at: 16 * MIN }], 5, s).locked).toBe(true);
  });

  it('starts locked when nobody is signed in', () => {
    expect(initialLockState(0, true)).toMatchObject({ locked: true, reason: 'signed-out' });
  });
});
