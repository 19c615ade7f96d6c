import { access, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { validationError } from '../../shared/errors.js';
import { keyedStatement, openDatabaseChecked, runKeyed, type Db } from '../db/connection.js';
import {
  checkpointWal,
  exportToAttached,
  integrityCheck,
  tableNames,
} from '../db/dialect/sqlite.js';
import type { Clock } from '../../shared/domain/clock.js';
import { fsyncPath } from '../platform/backup-file.js';
import { deriveKey, hmacHex, unwrapDataKey, wipe, type WrappedKey } from '../platform/crypto.js';
import type { SecretStore } from '../platform/secret-store.js';
import { shred } from '../platform/shred.js';
import type { EventHub } from './events.js';
import type { Serialized } from './serialized.js';
import { DEFAULT_LOCKOUT, type Vault } from './vault.js';

export interface ConversionPorts {
  dataFolder: string;
  vault: Vault;
  secrets: SecretStore;
  clock: Clock;
  events: EventHub;
  exclusive: Serialized;
  log: (message: string, err?: unknown) => void;
}

export interface ConversionProgress {
  done: number;
  total: number;
  /** Why a conversion stopped, in words for the owner; null while it runs. */
  message: string | null;
}

/** The check value the version before encryption kept beside its data key. */
const legacyKeyCheck = (key: Buffer) => hmacHex(key, 'hourkeep key check v1');

interface LegacyFacts {
  keychainAccount: string;
  wrappedKey: WrappedKey;
  keyCheck: string;
  practiceName: string | null;
  users: { id: number; username: string; passwordHash: string }[];
  counts: Map<string, number>;
  policy: { maxFailedSignIns: number; lockoutMinutes: number };
}

const TASK = 'convert';

/**
 * An installation from before encryption (a plain `hourkeep.sqlite`, its data key in the
 * keychain) becomes an encrypted one on first start. Step by step, each safe to be killed:
 *  1. `sqlcipher_export` copies the plain database into `hourkeep.db.converting`, encrypted.
 *  2. The copy is checked: integrity_check and the row count of every table.
 *  3. The copy is renamed to `hourkeep.db`. (Killed so far: no key file yet, so the next start
 *     sees the plain database still waiting and starts over.)
 *  4. The key file is written: this is the moment the conversion counts as done.
 *  5. The plain file is overwritten and removed, and its key leaves the keychain. (Killed here:
 *     the next start finishes this step.)
 * Backups made before still restore: they carry the same data key, wrapped by the same code.
 */
export function makeConversion(ports: ConversionPorts) {
  const { vault, secrets, events, exclusive, log } = ports;
  const { legacy, database } = vault.paths;
  const converting = `${database}.converting`;
  let progress: ConversionProgress | null = null;
  let running: Promise<void> = Promise.resolve();

  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );

  async function readFacts(plain: Db): Promise<LegacyFacts | null> {
    const keyRow = (await plain('key_material')
      .first()
      .catch(() => undefined)) as
      { keychain_account: string; wrapped_key: string; key_check: string } | undefined;
    if (!keyRow) return null;
    const tables = await tableNames(plain);
    const counts = new Map<string, number>();
    for (const t of tables) {
      const [row] = (await plain(t).count({ n: '*' })) as { n: number }[];
      counts.set(t, Number(row?.n ?? 0));
    }
    const users = (
      (await plain('users').select('id', 'username', 'password_hash')) as {
        id: number;
        username: string;
        password_hash: string;
      }[]
    ).map((u) => ({ id: Number(u.id), username: u.username, passwordHash: u.password_hash }));
    const practice = (await plain('practice').first('name')) as { name: string } | undefined;
    return {
      keychainAccount: keyRow.keychain_account,
      wrappedKey: JSON.parse(keyRow.wrapped_key) as WrappedKey,
      keyCheck: keyRow.key_check,
      practiceName: practice?.name ?? null,
      users,
      counts,
      policy: DEFAULT_LOCKOUT,
    };
  }

  async function withPlain<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = await openDatabaseChecked(legacy, { key: null });
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }

  function report(done: number, total: number, message: string | null = null) {
    progress = { done, total, message };
    events.emit({ type: 'progress', task: TASK, done, total });
  }

  /** Steps 1–5 with the data key in hand. */
  async function convert(dataKey: Buffer): Promise<void> {
    await exclusive(async () => {
      const total = (await stat(legacy)).size;
      report(0, total);
      await rm(converting, { force: true });
      const facts = await withPlain(async (plain) => {
        await checkpointWal(plain);
        const found = await readFacts(plain);
        if (!found) throw new Error('The plain database holds no data key record.');
        if (legacyKeyCheck(dataKey) !== found.keyCheck)
          throw validationError({ code: 'This recovery code does not open this practice' });
        const dbKey = deriveKey(dataKey, 'database');
        const poll = setInterval(() => {
          void stat(converting).then(
            (s) => report(Math.min(s.size, total), total),
            () => undefined,
          );
        }, 200);
        try {
          await runKeyed(
            plain,
            'attach the encrypted copy',
            keyedStatement.attach('converted', dbKey),
            [converting],
          );
          await exportToAttached(plain, 'converted');
        } finally {
          clearInterval(poll);
          dbKey.fill(0);
        }
        return found;
      });
      await verifyCopy(dataKey, facts);
      await fsyncPath(converting);
      await rename(converting, database);
      await fsyncPath(dirname(database)).catch(() => undefined);
      await vault.createFromLegacy({
        dataKey,
        recovery: facts.wrappedKey,
        practiceName: facts.practiceName,
        users: facts.users,
        policy: facts.policy,
      });
      await finishLeftover(facts.keychainAccount);
      await vault.inspect();
      await vault.recordPending({
        action: 'converted',
        userId: null,
        detail: `the plain database was converted to an encrypted one (${facts.counts.size} tables, ${[...facts.counts.values()].reduce((a, b) => a + b, 0)} rows checked) and removed`,
      });
      report(total, total);
      progress = null;
    });
  }

  /** The encrypted copy holds every row the plain one does, and passes integrity_check. */
  async function verifyCopy(dataKey: Buffer, facts: LegacyFacts): Promise<void> {
    const key = deriveKey(dataKey, 'database');
    const copy = await openDatabaseChecked(converting, { key, readOnly: true });
    key.fill(0);
    try {
      const check = await integrityCheck(copy);
      if (check.length !== 1 || check[0] !== 'ok')
        throw new Error('The encrypted copy failed its integrity check.');
      for (const [table, want] of facts.counts) {
        const [row] = (await copy(table).count({ n: '*' })) as { n: number }[];
        if (Number(row?.n ?? -1) !== want)
          throw new Error(`The encrypted copy of ${table} holds ${row?.n} rows, not ${want}.`);
      }
    } finally {
      await copy.destroy();
    }
  }

  /** Step 5: the plain file overwritten and removed, its key out of the keychain. */
  async function finishLeftover(keychainAccount?: string): Promise<void> {
    let account = keychainAccount;
    if (!account && (await exists(legacy))) {
      account = await withPlain(
        async (plain) =>
          (
            (await plain('key_material')
              .first('keychain_account')
              .catch(() => undefined)) as { keychain_account: string } | undefined
          )?.keychain_account,
      ).catch(() => undefined);
    }
    // The key leaves the keychain before the file is overwritten: a kill during the overwrite
    // would leave a file whose first pages no longer name the account, and the old data key
    // (from which the encrypted file's key derives) in the keychain for good. The new key
    // file is already written, so the old key is no longer needed by anything.
    if (account) await secrets.delete(account).catch(() => false);
    for (const suffix of ['-wal', '-shm', '']) await shred(`${legacy}${suffix}`);
  }

  async function keyFromKeychain(): Promise<Buffer | null> {
    const facts = await withPlain(readFacts).catch(() => null);
    if (!facts) return null;
    const b64 = await secrets.get(facts.keychainAccount).catch(() => null);
    const key = b64 ? Buffer.from(b64, 'base64') : null;
    if (!key || legacyKeyCheck(key) !== facts.keyCheck) return null;
    return key;
  }

  function start(job: () => Promise<void>): Promise<void> {
    running = running.then(job).catch((err: unknown) => {
      log('The conversion to an encrypted database stopped', err);
      progress = {
        done: 0,
        total: 0,
        message: `The conversion to an encrypted database stopped; the plain database is unchanged. Start Hourkeep again to retry. (${err instanceof Error ? err.message : String(err)})`,
      };
      throw err;
    });
    return running;
  }

  return {
    progress: (): ConversionProgress | null => progress,

    /** At start-up: converts with the key from the keychain, or finishes a removal. */
    startIfReady(): void {
      const phase = vault.phase().phase;
      if (phase === 'ready') {
        void exists(legacy).then((left) =>
          left ? start(() => finishLeftover()).catch(() => undefined) : undefined,
        );
        return;
      }
      if (phase !== 'legacy') return;
      report(0, 1);
      void start(async () => {
        const key = await keyFromKeychain();
        if (!key) {
          // The recovery code is needed (RecoveryScreen): nothing runs until it is given.
          progress = null;
          return;
        }
        try {
          await convert(key);
        } finally {
          wipe(key);
        }
      }).catch(() => undefined);
    },

    /** The keychain did not hold the old key: the recovery code unwraps it from the database. */
    async withRecoveryCode(code: string): Promise<void> {
      const facts = await withPlain(readFacts);
      if (!facts) throw validationError({ code: 'This installation has no data key to recover' });
      const key = await unwrapDataKey(facts.wrappedKey, code);
      if (!key || legacyKeyCheck(key) !== facts.keyCheck)
        throw validationError({ code: 'This recovery code does not open this practice' });
      try {
        await start(() => convert(key));
      } finally {
        wipe(key);
      }
    },

    idle: () => running.catch(() => undefined),
  };
}
