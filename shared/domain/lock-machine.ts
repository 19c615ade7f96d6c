/**
 * The auto-lock as a pure state machine. Every trigger — idle time, the OS locking the screen,
 * suspend, the menu or shortcut — arrives here as an event; main/electron only translates OS
 * signals into events, and the clock is whatever the caller passes in `at`.
 */
export const IDLE_MINUTE_CHOICES = [1, 5, 15, 30, 60] as const;
export type IdleMinutes = (typeof IDLE_MINUTE_CHOICES)[number];
export const DEFAULT_IDLE_MINUTES: IdleMinutes = 5;

export type LockReason = 'idle' | 'os-lock' | 'suspend' | 'manual' | 'signed-out';

export interface LockState {
  locked: boolean;
  reason: LockReason | null;
  /** Epoch ms of the last user activity seen in the app. */
  lastActivityAt: number;
  lockedAt: number | null;
}

export type LockEvent =
  | { type: 'activity'; at: number }
  /** Periodic check; osIdleSeconds is the OS's own idle time when the platform reports one. */
  | { type: 'tick'; at: number; osIdleSeconds?: number }
  | { type: 'os-lock'; at: number }
  | { type: 'suspend'; at: number }
  | { type: 'manual'; at: number }
  | { type: 'unlocked'; at: number };

export const initialLockState = (at: number, locked = false): LockState => ({
  locked,
  reason: locked ? 'signed-out' : null,
  lastActivityAt: at,
  lockedAt: locked ? at : null,
});

/**
 * Idle time is the shorter of "since the app last saw input" and the OS's idle time: someone
 * typing in another program is present at the machine, so the app stays unlocked; someone who
 * walked away is idle on both counts.
 */
export function idleMs(state: LockState, at: number, osIdleSeconds?: number): number {
  const sinceActivity = Math.max(0, at - state.lastActivityAt);
  return osIdleSeconds === undefined
    ? sinceActivity
    : Math.min(sinceActivity, osIdleSeconds * 1000);
}

const lock = (state: LockState, reason: LockReason, at: number): LockState =>
  state.locked ? state : { ...state, locked: true, reason, lockedAt: at };

export function reduceLock(
  state: LockState,
  event: LockEvent,
  idleMinutes: IdleMinutes,
): LockState {
  switch (event.type) {
    case 'activity':
      // Input behind the lock screen must not postpone anything or count as presence.
      return state.locked
        ? state
        : { ...state, lastActivityAt: Math.max(state.lastActivityAt, event.at) };
    case 'tick':
      if (state.locked) return state;
      return idleMs(state, event.at, event.osIdleSeconds) >= idleMinutes * 60_000
        ? lock(state, 'idle', event.at)
        : state;
    case 'os-lock':
      return lock(state, 'os-lock', event.at);
    case 'suspend':
      return lock(state, 'suspend', event.at);
    case 'manual':
      return lock(state, 'manual', event.at);
    case 'unlocked':
      return { locked: false, reason: null, lastActivityAt: event.at, lockedAt: null };
  }
}
