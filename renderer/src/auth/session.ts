import { notifications } from '@mantine/notifications';
import { useSyncExternalStore } from 'react';
import type { AuthStatus } from '../../../shared/domain/records';
import { api, errorMessage, setSessionErrorHandler } from '../api/client';
import { queryClient } from '../api/queryClient';

/**
 * Where this workstation's session stands (main's `auth.status`), kept outside TanStack
 * Query on purpose: locking clears that cache whole, and the answer to "what may be shown"
 * must survive the clearing. Main is the authority; this only mirrors its last answer.
 */
export interface SessionState {
  status: AuthStatus | null;
  /** auth.status itself failed (main unreachable). */
  error: string | null;
  /** Why the session ended under the user (a lock-out while locked), for the sign-in screen. */
  notice: string | null;
}

let state: SessionState = { status: null, error: null, notice: null };
const listeners = new Set<() => void>();

function set(next: Partial<SessionState>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const useSession = (): SessionState => useSyncExternalStore(subscribe, () => state);
export const currentStatus = (): AuthStatus | null => state.status;

/** Every record on screen belongs to the session that read it: forget them all. */
function dropRecords() {
  notifications.clean();
  queryClient.clear();
}

let latest = 0;

/** Takes a status main returned (sign-in, unlock, set-up…) as the current one. */
export function setStatus(status: AuthStatus, notice: string | null = null) {
  // Newer than any auth.status still on its way.
  latest += 1;
  apply(status, notice);
}

function apply(status: AuthStatus, notice: string | null) {
  const before = state.status;
  if (before?.phase === 'active' && status.phase !== 'active') dropRecords();
  if (before && before.user?.id !== status.user?.id) dropRecords();
  set({ status, error: null, notice });
}

/**
 * Asks main where the session stands. Every call asks afresh (a lock and an unlock can come
 * in quick succession); only the answer to the latest question is kept.
 */
export async function refreshStatus(): Promise<void> {
  const ask = ++latest;
  try {
    const status = await api.call('auth.status', {});
    if (ask === latest) apply(status, state.notice);
  } catch (err) {
    if (ask === latest) set({ error: errorMessage(err) });
  }
}

/**
 * The app locked (main's event, a call refused with `locked`, or this window's own Lock now).
 * The screen switches to the lock screen in the same render that drops every cached record,
 * before main is even asked why.
 */
export function enterLocked(reason: string | null) {
  const s = state.status;
  if (s?.phase === 'active' || s?.phase === 'locked') {
    // Main signs a session out behind the lock screen too (a lock-out): no lock screen then.
    set({
      status:
        reason === 'signed-out'
          ? { ...s, phase: 'signed-out', user: null, lockReason: null }
          : { ...s, phase: 'locked', lockReason: reason ?? s.lockReason },
    });
  }
  dropRecords();
  void refreshStatus();
}

export function setNotice(notice: string | null) {
  set({ notice });
}

// A call refused as `locked` means the app locked between main's event and this screen;
// `forbidden` may mean the session ended (signed out elsewhere, locked out): ask main.
setSessionErrorHandler((code) => {
  if (code === 'locked') enterLocked(null);
  else if (state.status?.phase === 'active') void refreshStatus();
});

/** The signed-in user; only inside the app, which renders only while the session is active. */
export function useCurrentUser(): NonNullable<AuthStatus['user']> {
  const { status } = useSession();
  if (!status?.user) throw new Error('useCurrentUser outside a signed-in session');
  return status.user;
}

export const useIsOwner = () => useCurrentUser().role === 'owner';

/** Signs the current user out; the sign-in screen follows (or whatever main says instead). */
export async function signOut(): Promise<void> {
  try {
    setStatus(await api.call('auth.signOut', {}));
  } catch {
    await refreshStatus();
  }
}
