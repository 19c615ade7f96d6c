import type { Role } from '../../shared/api/contract.js';
import type { Clock } from '../../shared/domain/clock.js';
import {
  initialLockState,
  reduceLock,
  type LockEvent,
  type LockReason,
  type LockState,
} from '../../shared/domain/lock-machine.js';
import type { SettingsStore } from '../platform/settings.js';
import type { Actor } from './audit.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  workerId: number | null;
  supervisorId: number | null;
}

export type LockChange = { locked: boolean; reason: LockReason | null };

/**
 * The workstation's one session: who is signed in and whether the app is locked. Every lock
 * trigger goes through `lockEvent`, which runs the pure state machine and tells listeners
 * (the window, the harness) when the locked flag flips.
 */
export function makeWorkstationSession(clock: Clock, settings: SettingsStore) {
  let user: SessionUser | null = null;
  let lock: LockState = initialLockState(clock.now().getTime(), true);
  const listeners = new Set<(change: LockChange) => void>();

  function apply(event: LockEvent): LockState {
    const before = lock.locked;
    lock = reduceLock(lock, event, settings.get().idleMinutes);
    if (lock.locked !== before) {
      for (const l of listeners) l({ locked: lock.locked, reason: lock.reason });
    }
    return lock;
  }

  return {
    user: () => user,
    lockState: () => lock,
    isLocked: () => user === null || lock.locked,
    actor: (): Actor =>
      user ? { userId: user.id, label: user.username } : { userId: null, label: 'system' },

    signIn(u: SessionUser) {
      user = u;
      apply({ type: 'unlocked', at: clock.now().getTime() });
    },
    signOut() {
      user = null;
      lock = initialLockState(clock.now().getTime(), true);
      for (const l of listeners) l({ locked: true, reason: 'signed-out' });
    },
    unlock: () => apply({ type: 'unlocked', at: clock.now().getTime() }),
    /** Idle checks, OS signals and manual locks; returns whether this event locked the app. */
    lockEvent(
      event:
        | { type: 'tick'; osIdleSeconds?: number }
        | { type: 'activity' | 'os-lock' | 'suspend' | 'manual' },
    ): boolean {
      if (!user) return false;
      const wasLocked = lock.locked;
      const at = clock.now().getTime();
      apply(
        event.type === 'tick'
          ? {
              type: 'tick',
              at,
              ...(event.osIdleSeconds === undefined ? {} : { osIdleSeconds: event.osIdleSeconds }),
            }
          : { type: event.type, at },
      );
      return !wasLocked && lock.locked;
    },
    onLockChange(listener: (change: LockChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type WorkstationSession = ReturnType<typeof makeWorkstationSession>;
