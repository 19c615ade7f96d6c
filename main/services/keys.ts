import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  hmacHex,
  newDataKey,
  newRecoveryCode,
  unwrapDataKey,
  wrapDataKey,
  type WrappedKey,
} from '../platform/crypto.js';
import { probeKeychain, type KeychainStatus, type SecretStore } from '../platform/secret-store.js';

/**
 * The data key's life: made at set-up, kept in the OS keychain, carried wrapped by the
 * recovery code in the database (and later in every backup). It is never written in the clear.
 */
const checkOf = (key: Buffer) => hmacHex(key, 'hourkeep key check v1');

export interface KeyState {
  /** The unlocked key, held in memory only. */
  key: Buffer | null;
  keychain: KeychainStatus;
}

export function makeKeyManager(db: Knex, secrets: SecretStore) {
  const state: KeyState = { key: null, keychain: { state: 'available' } };

  const stored = async () =>
    (await db('key_material').where({ id: 1 }).first()) as
      { keychain_account: string; wrapped_key: string; key_check: string } | undefined;

  async function rememberInKeychain(account: string, key: Buffer): Promise<void> {
    state.keychain = await probeKeychain(secrets);
    if (state.keychain.state === 'available') await secrets.set(account, key.toString('base64'));
  }

  return {
    state,
    isSetUp: async () => (await stored()) !== undefined,

    /** At start-up: finds the key in the keychain. Returns false when the recovery code is needed. */
    async loadFromKeychain(): Promise<boolean> {
      const row = await stored();
      if (!row) return false;
      state.keychain = await probeKeychain(secrets);
      if (state.keychain.state !== 'available') return false;
      const b64 = await secrets.get(row.keychain_account);
      const key = b64 ? Buffer.from(b64, 'base64') : null;
      if (!key || checkOf(key) !== row.key_check) {
        state.keychain = {
          state: 'unavailable',
          message:
            "This computer's keychain does not hold Hourkeep's data key (a new computer, a restored database, or a reset keychain). Enter the recovery code to unlock.",
          detail: b64 ? 'key check mismatch' : 'no entry',
        };
        return false;
      }
      state.key = key;
      return true;
    },

    /** A fresh key and recovery code for the set-up wizard; nothing is stored yet. */
    prepare: () => ({ key: newDataKey(), recoveryCode: newRecoveryCode() }),

    /** Stores the wrapped key (in the caller's transaction) and the key in the keychain. */
    async commit(trx: Knex.Transaction, key: Buffer, recoveryCode: string, now: string) {
      const wrapped = await wrapDataKey(key, recoveryCode);
      const account = `data-key:${randomUUID()}`;
      await trx('key_material').insert({
        id: 1,
        keychain_account: account,
        wrapped_key: JSON.stringify(wrapped),
        key_check: checkOf(key),
        created_at: now,
      });
      state.key = key;
      await rememberInKeychain(account, key);
    },

    /** Unwraps with the recovery code; on success stores the key in the keychain if one works. */
    async unlockWithRecoveryCode(code: string): Promise<boolean> {
      const row = await stored();
      if (!row) return false;
      const key = await unwrapDataKey(JSON.parse(row.wrapped_key) as WrappedKey, code);
      if (!key || checkOf(key) !== row.key_check) return false;
      state.key = key;
      await rememberInKeychain(row.keychain_account, key).catch(() => undefined);
      return true;
    },

    /** Drops the in-memory key (a set-up that did not commit). */
    forget() {
      state.key = null;
    },

    async wrappedKey(): Promise<WrappedKey | null> {
      const row = await stored();
      return row ? (JSON.parse(row.wrapped_key) as WrappedKey) : null;
    },
  };
}

export type KeyManager = ReturnType<typeof makeKeyManager>;
