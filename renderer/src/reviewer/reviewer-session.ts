import { useSyncExternalStore } from 'react';
import type { ReviewerStatus } from '../../../shared/domain/reviewer';
import { api, errorMessage } from '../api/client';
import { queryClient } from '../api/queryClient';

/**
 * The reviewer profile's lock state as main last reported it (`reviewer.status`), kept outside
 * TanStack Query as the workstation's session is (auth/session.ts): a lock clears that cache
 * whole, and what may be shown must survive the clearing.
 */
interface State {
  status: ReviewerStatus | null;
  error: string | null;
}

let state: State = { status: null, error: null };
const listeners = new Set<() => void>();
const set = (next: Partial<State>) => {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

export const useReviewerStatus = (): State => useSyncExternalStore(subscribe, () => state);

/** Takes a status main returned (create, unlock, lock); a lock drops every cached record. */
export function setReviewerStatus(status: ReviewerStatus): void {
  if (status.state !== 'unlocked') queryClient.clear();
  set({ status, error: null });
}

let latest = 0;
export async function refreshReviewerStatus(): Promise<void> {
  const ask = ++latest;
  try {
    const status = await api.call('reviewer.status', {});
    if (ask === latest) setReviewerStatus(status);
  } catch (err) {
    if (ask === latest) set({ error: errorMessage(err) });
  }
}

/** Locks now; the lock screen shows at once, main's answer follows. */
export async function lockReviewer(): Promise<void> {
  const s = state.status;
  if (s) setReviewerStatus({ ...s, state: 'locked', lockReason: 'manual' });
  try {
    setReviewerStatus(await api.call('reviewer.lock', {}));
  } catch {
    await refreshReviewerStatus();
  }
}
