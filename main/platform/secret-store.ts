import { randomBytes, randomUUID } from 'node:crypto';

/** Port to the OS keychain; main/platform/keytar-secret-store.ts is the real adapter. */
export interface SecretStore {
  /** Resolves null when there is no secret, and also (silently) when the keychain is locked. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export type KeychainStatus =
  | { state: 'available' }
  | {
      state: 'locked' | 'unavailable';
      /** For the practice owner: what happened and what to do. */
      message: string;
      /** The underlying error text, for logs only. */
      detail: string;
    };

// Every path out points at the recovery code: a keychain problem must never become a reason to
// keep the database key in a plain file.
export const KEYCHAIN_MESSAGES = {
  locked:
    'The system keychain is locked. Unlock it (sign in to your desktop session) or use your recovery code.',
  noService:
    'No system keychain is available on this computer (no Secret Service). Use your recovery code to unlock Hourkeep.',
  failed:
    'The system keychain could not be used. Use your recovery code to unlock Hourkeep, and check the log for details.',
} as const;

// libsecret: "Cannot create an item in a locked collection"; Secret Service: "...Error.IsLocked".
const LOCKED = /locked/i;
// No session bus ("Cannot autolaunch D-Bus without X11 $DISPLAY"), a bus address whose socket is
// gone ("Could not connect"), or a bus with nobody owning org.freedesktop.secrets.
const NO_SERVICE =
  /autolaunch|could not connect|not provided by any \.service files|ServiceUnknown/i;

const PROBE_ACCOUNT_PREFIX = 'keychain-probe-';

/**
 * Writes, reads back and deletes a random value. A read alone cannot tell "locked" from "empty"
 * (a locked keyring makes get() resolve null), so only a full round trip counts as available.
 */
export async function probeKeychain(store: SecretStore): Promise<KeychainStatus> {
  // A fresh account per probe, so two probes at once cannot read each other's value.
  const account = PROBE_ACCOUNT_PREFIX + randomUUID();
  const value = randomBytes(32).toString('hex');
  try {
    await store.set(account, value);
  } catch (err) {
    return classify(err);
  }
  let readBack: string | null;
  try {
    readBack = await store.get(account);
  } catch (err) {
    await store.delete(account).catch(() => false);
    return classify(err);
  }
  if (readBack !== value) {
    // The write "succeeded" but the value is not there: behaves like a locked collection.
    await store.delete(account).catch(() => false);
    return {
      state: 'locked',
      message: KEYCHAIN_MESSAGES.locked,
      detail: `probe write succeeded but read back ${readBack === null ? 'nothing' : 'a different value'}`,
    };
  }
  try {
    if (!(await store.delete(account))) {
      return {
        state: 'unavailable',
        message: KEYCHAIN_MESSAGES.failed,
        detail: 'probe value was read back but could not be deleted',
      };
    }
  } catch (err) {
    return classify(err);
  }
  return { state: 'available' };
}

function classify(err: unknown): KeychainStatus {
  const detail = err instanceof Error ? err.message : String(err);
  if (LOCKED.test(detail)) return { state: 'locked', message: KEYCHAIN_MESSAGES.locked, detail };
  if (NO_SERVICE.test(detail)) {
    return { state: 'unavailable', message: KEYCHAIN_MESSAGES.noService, detail };
  }
  return { state: 'unavailable', message: KEYCHAIN_MESSAGES.failed, detail };
}
