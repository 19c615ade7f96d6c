/**
 * Password attempts, as a pure function of the person's attempt record, the policy and the
 * clock: growing waits after each failure, then a lockout. Sign-in, unlock, password change and
 * every password confirmation (signing a week, restoring, erasing) go through it, so a guess
 * costs the same wherever it is made.
 */
export interface AttemptRecord {
  failures: number;
  nextAttemptAt: string | null;
  lockedUntil: string | null;
}

export interface LockoutPolicy {
  maxFailedSignIns: number;
  lockoutMinutes: number;
}

export const NO_ATTEMPTS: AttemptRecord = { failures: 0, nextAttemptAt: null, lockedUntil: null };

/** Seconds to wait after the nth consecutive failure: 1, 2, 4, 8 … capped at 30. */
export const throttleSeconds = (failures: number): number =>
  Math.min(30, 2 ** Math.max(0, failures - 1));

/** Why an attempt may not even be checked now; null when it may. */
export type Refusal =
  { kind: 'locked-out'; until: string } | { kind: 'throttled'; waitSeconds: number };

export function refusalBefore(record: AttemptRecord, now: Date): Refusal | null {
  if (record.lockedUntil && new Date(record.lockedUntil) > now)
    return { kind: 'locked-out', until: record.lockedUntil };
  if (record.nextAttemptAt && new Date(record.nextAttemptAt) > now) {
    const wait = Math.ceil((new Date(record.nextAttemptAt).getTime() - now.getTime()) / 1000);
    return { kind: 'throttled', waitSeconds: wait };
  }
  return null;
}

/** The record after a wrong password, and whether it locked the person out. */
export function afterFailure(
  record: AttemptRecord,
  policy: LockoutPolicy,
  now: Date,
): { record: AttemptRecord; lockedOut: boolean; failures: number } {
  const failures = record.failures + 1;
  const lockedOut = failures >= policy.maxFailedSignIns;
  return {
    failures,
    lockedOut,
    record: lockedOut
      ? {
          failures: 0,
          nextAttemptAt: null,
          lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString(),
        }
      : {
          failures,
          nextAttemptAt: new Date(now.getTime() + throttleSeconds(failures) * 1000).toISOString(),
          lockedUntil: null,
        },
  };
}

/** A lockout that has run out is reported as none, so screens need no clock of their own. */
export const activeLockout = (record: AttemptRecord | undefined, now: Date): string | null =>
  record?.lockedUntil && new Date(record.lockedUntil) > now ? record.lockedUntil : null;
