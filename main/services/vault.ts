import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, validationError } from '../../shared/errors.js';
import type { Clock } from '../../shared/domain/clock.js';
import {
  NO_ATTEMPTS,
  afterFailure,
  refusalBefore,
  type AttemptRecord,
  type LockoutPolicy,
} from '../../shared/domain/throttle.js';
import { PASSWORD_SCRYPT, wipe, type ScryptParams } from '../platform/crypto.js';
import type { SigningKeyPair } from '../platform/signing.js';
import {
  SlotFileError,
  composeSlotFile,
  keyIdOf,
  legacySlot,
  makeUserSlot,
  openBound,
  openDataKey,
  openEscrow,
  openPreviousDataKey,
  openUserSlot,
  readSlotFile,
  recoverDataKey,
  keyShareOf,
  resealBound,
  withKeyShare,
  wrapForRecovery,
  writeSlotFile,
  type AuditAnchor,
  type BoundSection,
  type KeyShare,
  type PendingAudit,
  type SlotFile,
  type UserSlot,
  type WrappedKey,
} from '../platform/key-slots.js';
import { KEYCHAIN_MESSAGES, probeKeychain, type SecretStore } from '../platform/secret-store.js';

/** The practice's files in the data folder. */
export const DATABASE_FILE = 'hourkeep.db';
export const SLOT_FILE = 'hourkeep.keys';
/** The plain database of an installation from before encryption (converted on first start). */
export const LEGACY_DATABASE_FILE = 'hourkeep.sqlite';

export type VaultPhase =
  /** Nothing here yet: the first-run wizard. */
  | { phase: 'setup' }
  /** A plain database from before encryption waits to be converted. */
  | { phase: 'legacy' }
  /** The key file opens with this keychain: a password opens the data. */
  | { phase: 'ready' }
  /** The keychain is missing, locked or another one: the recovery code re-binds the file. */
  | { phase: 'rebind'; message: string }
  /** A file is damaged or foreign: say which and what to do; never set up over it. */
  | { phase: 'damaged'; message: string };

/** The keys while the practice is open; both are overwritten when it closes. */
export interface OpenKeys {
  dataKey: Buffer;
  slotsKey: Buffer;
  /** The key a rotation was replacing when it stopped half-way: the database may still use it. */
  previousKey: Buffer | null;
}

export interface VaultPorts {
  dataFolder: string;
  secrets: SecretStore;
  clock: Clock;
  /** scrypt parameters for new password slots; tests pass cheaper ones. */
  passwordKdf?: ScryptParams;
  /**
   * The practice's database is on its PostgreSQL server (issue 21), not in this folder: the key
   * file here is this workstation's, and no database file is expected beside it.
   */
  databaseOnServer?: () => boolean;
  /**
   * On a server: the practice's key slots as the server holds them (null before any were
   * published), read before each sign-in so a password changed at another workstation counts.
   */
  fetchShare?: () => Promise<KeyShare | null>;
  /** On a server: publishes this workstation's key slots after it changed them. */
  publishShare?: (share: KeyShare) => Promise<void>;
}

/** What one password attempt came to; the caller records it in the audit trail. */
export type Attempt =
  | {
      ok: true;
      userId: number;
      keys: OpenKeys;
      upgraded: boolean;
      /** The person's signing key, opened by the same password; the caller overwrites it. */
      signing: SigningKeyPair | null;
    }
  | { ok: false; error: AppError; userId: number | null; detail: string };

/** A copy of `record` without `key` (the record is replaced, never edited in place). */
function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Unknown usernames cost the same KDF time as known ones, so timing reveals no names. */
const DUMMY_SALT = randomBytes(16);

const MAX_PENDING_AUDIT = 500;

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailedSignIns: 5, lockoutMinutes: 15 };

/** The people of a restored practice: its key slots (escrow), or old password hashes. */
export type RestoredPeople =
  | { kind: 'escrow'; practiceId: string; slotsKey: Buffer; users: UserSlot[] }
  | { kind: 'hashes'; users: { id: number; username: string; passwordHash: string }[] };

/**
 * Slots from a restored practice's people. Escrowed slots are sealed to their practice's id, so
 * they come with it; old password hashes become slots of the practice they are restored into.
 */
function slotsOf(
  practiceId: string,
  people: RestoredPeople,
): { practiceId: string; slotsKey: Buffer; users: UserSlot[] } {
  if (people.kind === 'escrow')
    return {
      practiceId: people.practiceId,
      slotsKey: Buffer.from(people.slotsKey),
      users: people.users,
    };
  const slotsKey = randomBytes(32);
  const users = people.users
    .map((u) => legacySlot(practiceId, u, u.passwordHash, slotsKey))
    .filter((u): u is UserSlot => u !== null);
  return { practiceId, slotsKey, users };
}

/**
 * Key custody for one data folder: the key-slot file (main/platform/key-slots.ts), its
 * keychain binding, the open keys, and password attempts. The database itself is opened by the
 * core with the keys this hands out.
 */
export function makeVault(ports: VaultPorts) {
  const { dataFolder, secrets, clock } = ports;
  const kdf = ports.passwordKdf ?? PASSWORD_SCRYPT;
  const paths = {
    database: join(dataFolder, DATABASE_FILE),
    slots: join(dataFolder, SLOT_FILE),
    legacy: join(dataFolder, LEGACY_DATABASE_FILE),
  };

  let file: SlotFile | null = null;
  let bound: BoundSection | null = null;
  let bindingSecret: Buffer | null = null;
  let keys: OpenKeys | null = null;
  let phase: VaultPhase = { phase: 'setup' };

  /**
   * The keychain entry binding this folder's key file. It names the folder too: two folders of
   * one practice under one OS account (workstations that joined it on a server, tests) must not
   * overwrite each other's secret. The file records the name, so it need only be new here.
   */
  const bindingAccount = (practiceId: string) =>
    `binding:${practiceId}:${createHash('sha256').update(dataFolder).digest('hex').slice(0, 12)}`;

  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  const nowIso = () => clock.now().toISOString();

  /** Refuses, saying why, unless this computer's keychain can hold the key file's binding. */
  async function requireKeychain(toProtect: string): Promise<void> {
    const status = await probeKeychain(secrets);
    if (status.state !== 'available') {
      throw new AppError(
        'conflict',
        `${status.message} Hourkeep needs this computer's keychain to protect ${toProtect}.`,
      );
    }
  }

  /**
   * A new key file for a database whose keys exist already (a converted installation, or a
   * restore on a new computer), bound to a fresh secret in this computer's keychain. Wipes
   * `slotsKey` once written.
   */
  async function writeBoundKeyFile(o: {
    practiceId: string;
    practiceName: string | null;
    recovery: WrappedKey;
    dataKey: Buffer;
    slotsKey: Buffer;
    users: UserSlot[];
    policy: LockoutPolicy;
  }): Promise<void> {
    const account = bindingAccount(o.practiceId);
    const secret = randomBytes(32);
    await secrets.set(account, secret.toString('base64'));
    const contents = composeSlotFile(
      {
        practiceId: o.practiceId,
        practiceName: o.practiceName,
        recovery: o.recovery,
        keyId: keyIdOf(o.dataKey),
        bound: { users: o.users, throttle: {}, policy: o.policy, pendingAudit: [] },
        anchor: null,
        checkpoint: null,
        previous: null,
      },
      { dataKey: o.dataKey, slotsKey: o.slotsKey, bindingSecret: secret, bindingAccount: account },
      nowIso(),
    );
    wipe(o.slotsKey, secret);
    await writeSlotFile(paths.slots, contents);
    await ports.publishShare?.(keyShareOf(contents, o.users));
  }

  async function readBindingSecret(account: string): Promise<Buffer | null | 'unavailable'> {
    const status = await probeKeychain(secrets);
    if (status.state !== 'available') {
      phase = { phase: 'rebind', message: status.message };
      return 'unavailable';
    }
    const b64 = await secrets.get(account);
    return b64 ? Buffer.from(b64, 'base64') : null;
  }

  /** Works out where this folder stands; run at start-up and after a restore or rebind. */
  async function inspect(): Promise<VaultPhase> {
    file = null;
    bound = null;
    wipe(bindingSecret);
    bindingSecret = null;
    const [hasSlots, hasDatabase, hasLegacy] = await Promise.all([
      exists(paths.slots),
      ports.databaseOnServer?.() ? Promise.resolve(true) : exists(paths.database),
      exists(paths.legacy),
    ]);
    if (!hasSlots) {
      if (hasLegacy) return (phase = { phase: 'legacy' });
      // A file without its key file is damage; a server without this workstation's key file
      // is a practice to set up here.
      if (hasDatabase && !ports.databaseOnServer?.()) {
        return (phase = {
          phase: 'damaged',
          message: `The key file ${paths.slots} is missing, so the database ${paths.database} cannot be opened. Restore the practice from a backup (Restore from a backup, with the recovery code).`,
        });
      }
      return (phase = { phase: 'setup' });
    }
    try {
      file = await readSlotFile(paths.slots);
    } catch (err) {
      const message = err instanceof SlotFileError ? err.message : String(err);
      return (phase = { phase: 'damaged', message });
    }
    if (!hasDatabase) {
      return (phase = {
        phase: 'damaged',
        message: `The database ${paths.database} is missing. Restore the practice from a backup (Restore from a backup, with the recovery code).`,
      });
    }
    const secret = await readBindingSecret(file.binding.account);
    if (secret === 'unavailable') return phase;
    if (!secret) {
      return (phase = {
        phase: 'rebind',
        message:
          "This computer's keychain does not hold Hourkeep's key for this practice (a new computer, a copied data folder, or a reset keychain). Enter the recovery code to open the practice on this computer.",
      });
    }
    const opened = openBound(file, secret);
    if (!opened) {
      wipe(secret);
      return (phase = {
        phase: 'rebind',
        message:
          "The key in this computer's keychain does not open this practice's key file (the keychain was changed or belongs to another practice). Enter the recovery code to open the practice on this computer.",
      });
    }
    bindingSecret = secret;
    bound = opened;
    return (phase = { phase: 'ready' });
  }

  function requireOpen(): OpenKeys {
    if (!keys) throw new AppError('locked', 'Hourkeep is locked. Unlock it to continue.');
    return keys;
  }

  function requireFile(): SlotFile {
    if (!file) throw new AppError('conflict', 'Hourkeep is not set up on this computer.');
    return file;
  }

  /** Rewrites the whole file from what is in memory; needs the open keys. */
  async function commit(
    change: Partial<
      Pick<SlotFile, 'recovery' | 'keyId' | 'practiceName' | 'anchor' | 'checkpoint'>
    > = {},
    withKeys: OpenKeys = requireOpen(),
  ): Promise<void> {
    const current = requireFile();
    if (!bound || !bindingSecret) throw new AppError('conflict', 'The key file is not bound.');
    const previous =
      withKeys.previousKey && current.previous
        ? {
            dataKey: withKeys.previousKey,
            recovery: current.previous.recovery,
            keyId: current.previous.keyId,
          }
        : null;
    const next = composeSlotFile(
      {
        practiceId: current.practiceId,
        practiceName: change.practiceName ?? current.practiceName,
        recovery: change.recovery ?? current.recovery,
        keyId: change.keyId ?? current.keyId,
        bound,
        anchor: change.anchor === undefined ? current.anchor : change.anchor,
        checkpoint:
          change.checkpoint === undefined ? (current.checkpoint ?? null) : change.checkpoint,
        previous,
      },
      { ...withKeys, bindingSecret, bindingAccount: current.binding.account },
      nowIso(),
    );
    await writeSlotFile(paths.slots, next);
    file = next;
    await ports.publishShare?.(keyShareOf(next, bound.users));
  }

  const sameKeys = (a: KeyShare, b: KeyShare) =>
    JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });

  /**
   * Brings this workstation's key file up to the server's copy when another workstation
   * changed it since (a person added, a password changed, the keys rotated).
   */
  async function syncFromServer(): Promise<void> {
    const current = file;
    if (!ports.fetchShare || !current || !bound || !bindingSecret) return;
    const share = await ports.fetchShare();
    if (!share || share.practiceId !== current.practiceId) return;
    // The server's copy is the practice's: each workstation publishes its change as it makes
    // it. Content, not time, decides: workstations' clocks differ.
    if (sameKeys(share, keyShareOf(current, bound.users))) return;
    const next = withKeyShare(current, share, bound, bindingSecret);
    await writeSlotFile(paths.slots, next);
    file = next;
    bound = { ...bound, users: share.users };
  }

  /** Rewrites only the bound part (throttling, pending audit): possible while closed. */
  async function commitBound(): Promise<void> {
    const current = requireFile();
    if (!bound || !bindingSecret) return;
    const next = resealBound(current, bound, bindingSecret, nowIso());
    await writeSlotFile(paths.slots, next);
    file = next;
  }

  const slotOf = (username: string): UserSlot | undefined =>
    bound?.users.find((u) => u.username === username);

  function attemptsOf(username: string): AttemptRecord {
    return bound?.throttle[username] ?? NO_ATTEMPTS;
  }

  const local = (iso: string) => {
    const d = new Date(iso);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  };

  function openWith(slotsKey: Buffer): OpenKeys {
    const current = requireFile();
    const dataKey = openDataKey(current, slotsKey);
    if (!dataKey) {
      wipe(slotsKey);
      throw new AppError(
        'conflict',
        `The key file ${paths.slots} is damaged: it does not hold the practice's data key. Restore the practice from a backup.`,
      );
    }
    return { dataKey, slotsKey, previousKey: openPreviousDataKey(current, slotsKey) };
  }

  return {
    paths,
    inspect,
    phase: (): VaultPhase => phase,
    isOpen: () => keys !== null,
    keys: requireOpen,
    practiceId: () => requireFile().practiceId,
    practiceName: () => file?.practiceName ?? null,
    anchor: (): AuditAnchor | null => file?.anchor ?? null,
    /** Where the last audit verification stopped, sealed (main/services/integrity.ts). */
    checkpoint: (): AuditAnchor | null => file?.checkpoint ?? null,
    policy: (): LockoutPolicy => bound?.policy ?? DEFAULT_LOCKOUT,
    usernames: () => bound?.users.map((u) => u.username) ?? [],
    hasSlot: (userId: number) => bound?.users.some((u) => u.userId === userId) ?? false,
    lockedUntil: (username: string): string | null => attemptsOf(username).lockedUntil,
    /** Consecutive wrong passwords since the last right one (reset by a lockout). */
    failedAttempts: (username: string): number => attemptsOf(username).failures,

    /**
     * First run: writes the key file for a new practice with the owner's slot. The keychain
     * must work: without it the file could not be bound, and there is no plain fallback.
     */
    async create(options: {
      dataKey: Buffer;
      recoveryCode: string;
      practiceName: string;
      owner: { id: number; username: string };
      password: string;
      policy: LockoutPolicy;
    }): Promise<void> {
      const status = await probeKeychain(secrets);
      if (status.state !== 'available') {
        throw new AppError(
          'conflict',
          `${status.message} Hourkeep keeps the practice's key behind this computer's keychain and cannot be set up without it.`,
        );
      }
      const practiceId = randomUUID();
      const slotsKey = randomBytes(32);
      const account = bindingAccount(practiceId);
      const secret = randomBytes(32);
      await secrets.set(account, secret.toString('base64'));
      const owner = await makeUserSlot(practiceId, options.owner, options.password, slotsKey, kdf);
      bound = { users: [owner], throttle: {}, policy: options.policy, pendingAudit: [] };
      bindingSecret = secret;
      const opened = { dataKey: Buffer.from(options.dataKey), slotsKey, previousKey: null };
      const contents = composeSlotFile(
        {
          practiceId,
          practiceName: options.practiceName,
          recovery: await wrapForRecovery(options.dataKey, options.recoveryCode),
          keyId: keyIdOf(options.dataKey),
          bound,
          anchor: null,
          checkpoint: null,
          previous: null,
        },
        { ...opened, bindingSecret: secret, bindingAccount: account },
        nowIso(),
      );
      await writeSlotFile(paths.slots, contents);
      file = contents;
      keys = opened;
      phase = { phase: 'ready' };
      await ports.publishShare?.(keyShareOf(contents, bound.users));
    },

    /**
     * An installation from before encryption: the key file for its (just converted) database.
     * Each user's stored password hash becomes their slot, so everyone signs in as before; the
     * recovery code's wrapping of the data key is carried over as it was.
     */
    async createFromLegacy(options: {
      dataKey: Buffer;
      recovery: WrappedKey;
      practiceName: string | null;
      users: { id: number; username: string; passwordHash: string }[];
      policy: LockoutPolicy;
    }): Promise<void> {
      await requireKeychain('the converted database');
      const practiceId = randomUUID();
      const slotsKey = randomBytes(32);
      const users = options.users
        .map((u) => legacySlot(practiceId, u, u.passwordHash, slotsKey))
        .filter((u): u is UserSlot => u !== null);
      await writeBoundKeyFile({ ...options, practiceId, slotsKey, users });
    },

    /**
     * A restore on a computer without this practice (first run): the key file is made from the
     * backup's header — its data key, recovery wrapping and the people's slots (the escrow, or
     * for a backup from before encryption, the password hashes inside it).
     */
    async createFromBackup(options: {
      dataKey: Buffer;
      recovery: WrappedKey;
      practiceId: string | null;
      practiceName: string | null;
      people: RestoredPeople;
    }): Promise<void> {
      await requireKeychain('the restored practice');
      const { practiceId, slotsKey, users } = slotsOf(
        options.practiceId ?? randomUUID(),
        options.people,
      );
      await writeBoundKeyFile({ ...options, practiceId, slotsKey, users, policy: DEFAULT_LOCKOUT });
    },

    /**
     * A restore of another practice's backup over this one: the database was re-encrypted under
     * this practice's data key, and its people's slots come with it. The data key and recovery
     * code stay this computer's.
     */
    async adoptPeople(people: RestoredPeople): Promise<void> {
      const open = requireOpen();
      if (!bound) throw new AppError('conflict', 'The key file is not bound.');
      const { practiceId, slotsKey, users } = slotsOf(requireFile().practiceId, people);
      bound.users = users;
      bound.throttle = {};
      const next: OpenKeys = { dataKey: open.dataKey, slotsKey, previousKey: null };
      file = { ...requireFile(), practiceId };
      await commit({}, next);
      wipe(open.slotsKey);
      keys = next;
    },

    /** Adds the backup's slots of people this key file no longer has (same practice). */
    async restoreMissingSlots(users: UserSlot[]): Promise<void> {
      requireOpen();
      if (!bound) return;
      const have = new Set(bound.users.map((u) => u.userId));
      const missing = users.filter((u) => !have.has(u.userId));
      if (missing.length === 0) return;
      bound.users = [...bound.users, ...missing];
      await commit();
    },

    /**
     * One password attempt for `username`, throttled and counted toward lockout. On success the
     * keys are open; a slot from before encryption is replaced by a current one.
     */
    async attempt(username: string, password: string): Promise<Attempt> {
      await syncFromServer();
      const current = requireFile();
      if (!bound) throw new AppError('locked', 'Enter the recovery code first.');
      const slot = slotOf(username);
      const wrong = new AppError('forbidden', 'Wrong username or password.');
      if (!slot) {
        await openUserSlot(
          current.practiceId,
          {
            userId: 1,
            username,
            kdf: { alg: 'scrypt', ...kdf, salt: DUMMY_SALT.toString('base64') },
            slotsKey: { iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: '' },
          },
          password,
        );
        return {
          ok: false,
          error: wrong,
          userId: null,
          detail: `unknown username "${username.slice(0, 60)}"`,
        };
      }
      const now = clock.now();
      const refusal = refusalBefore(attemptsOf(username), now);
      if (refusal) {
        return {
          ok: false,
          userId: slot.userId,
          detail: refusal.kind === 'locked-out' ? 'account locked out' : 'throttled',
          error:
            refusal.kind === 'locked-out'
              ? new AppError(
                  'forbidden',
                  `This account is locked after too many failed attempts. Try again after ${local(refusal.until)}, or ask the practice owner.`,
                )
              : new AppError(
                  'forbidden',
                  `Too many attempts. Wait ${refusal.waitSeconds} s before trying again.`,
                ),
        };
      }
      const unsealed = await openUserSlot(current.practiceId, slot, password);
      if (!unsealed) {
        const policy = bound.policy;
        const next = afterFailure(attemptsOf(username), policy, now);
        bound.throttle[username] = next.record;
        await commitBound();
        return {
          ok: false,
          userId: slot.userId,
          detail: next.lockedOut
            ? `wrong password; locked out for ${policy.lockoutMinutes} min`
            : `wrong password (${next.failures})`,
          error: next.lockedOut
            ? new AppError(
                'forbidden',
                `Too many failed attempts: this account is locked for ${policy.lockoutMinutes} minutes.`,
              )
            : wrong,
        };
      }
      const opened = openWith(unsealed.slotsKey);
      if (keys && !keys.dataKey.equals(opened.dataKey)) {
        wipe(opened.dataKey, opened.slotsKey, opened.previousKey);
        throw new AppError('conflict', 'The key file changed while Hourkeep was open.');
      }
      if (keys) wipe(opened.dataKey, opened.slotsKey, opened.previousKey);
      keys ??= opened;
      let upgraded = false;
      const hadFailures = bound.throttle[username] !== undefined;
      bound.throttle = withoutKey(bound.throttle, username);
      if (slot.kdf.alg !== 'scrypt' || slot.kdf.N < kdf.N) {
        // A slot from before encryption (or older parameters) becomes a current one.
        const fresh = await makeUserSlot(
          current.practiceId,
          { id: slot.userId, username },
          password,
          keys.slotsKey,
          kdf,
          unsealed.signing,
        );
        bound.users = bound.users.map((u) => (u.userId === slot.userId ? fresh : u));
        upgraded = true;
        await commit();
      } else if (hadFailures) {
        await commitBound();
      }
      return { ok: true, userId: slot.userId, keys, upgraded, signing: unsealed.signing };
    },

    /**
     * The recovery code: opens the data key from its own slot. When this keychain does not
     * open the file (a new computer, a reset keychain), the file is bound to this keychain
     * again from the escrow, so everyone keeps their password.
     */
    async recover(code: string): Promise<OpenKeys> {
      const current = requireFile();
      const dataKey = await recoverDataKey(current, code);
      // A rotation that stopped half-way: the code shown before it still opens the old key.
      let previousKey: Buffer | null = null;
      if (!dataKey && current.previous) {
        previousKey = await recoverDataKey(
          { ...current, recovery: current.previous.recovery },
          code,
        );
      }
      if (!dataKey && !previousKey)
        throw validationError({ code: 'This recovery code does not open this practice' });
      if (!dataKey) {
        wipe(previousKey);
        throw validationError({
          code: 'This is the recovery code from before the last change of keys, which did not finish. Enter the new recovery code shown at that change.',
        });
      }
      const escrow = openEscrow(current, dataKey);
      if (!escrow) {
        wipe(dataKey);
        throw new AppError(
          'conflict',
          `The key file ${paths.slots} is damaged. Restore the practice from a backup.`,
        );
      }
      const slotsKey = Buffer.from(escrow.slotsKey, 'base64');
      previousKey ??= openPreviousDataKey(current, slotsKey);
      const opened: OpenKeys = { dataKey, slotsKey, previousKey };
      if (!bound || !bindingSecret) {
        const status = await probeKeychain(secrets);
        if (status.state !== 'available') {
          wipe(dataKey, slotsKey);
          throw new AppError(
            'conflict',
            `${status.message === KEYCHAIN_MESSAGES.locked ? status.message : KEYCHAIN_MESSAGES.noService} The recovery code opens the practice only together with a working keychain on this computer.`,
          );
        }
        const secret = randomBytes(32);
        await secrets.set(current.binding.account, secret.toString('base64'));
        bindingSecret = secret;
        bound = {
          users: escrow.users,
          throttle: {},
          policy: DEFAULT_LOCKOUT,
          pendingAudit: [],
        };
        await commit({}, opened);
        phase = { phase: 'ready' };
      }
      if (keys) {
        wipe(opened.dataKey, opened.slotsKey, opened.previousKey);
        return keys;
      }
      keys = opened;
      return keys;
    },

    /** Overwrites the keys in memory; the database must be closed first. */
    close(): void {
      if (keys) wipe(keys.dataKey, keys.slotsKey, keys.previousKey);
      keys = null;
    },

    /**
     * Adds or replaces a user's slot (new account, reset, change of password), with the signing
     * key it should hold: a supervisor's own key carried over, a new one, or none.
     */
    async setPassword(
      user: { id: number; username: string },
      password: string,
      signing: SigningKeyPair | null = null,
    ): Promise<void> {
      const open = requireOpen();
      const slot = await makeUserSlot(
        requireFile().practiceId,
        user,
        password,
        open.slotsKey,
        kdf,
        signing,
      );
      if (!bound) throw new AppError('conflict', 'The key file is not bound.');
      bound.users = [...bound.users.filter((u) => u.userId !== user.id), slot];
      bound.throttle = withoutKey(bound.throttle, user.username);
      await commit();
    },

    /** Drops a user's slot (the account was removed). */
    async removeUser(userId: number): Promise<void> {
      requireOpen();
      if (!bound) return;
      const gone = bound.users.find((u) => u.userId === userId);
      bound.users = bound.users.filter((u) => u.userId !== userId);
      if (gone) bound.throttle = withoutKey(bound.throttle, gone.username);
      await commit();
    },

    /** Clears a person's failed attempts and lockout (the owner resets the password). */
    async clearAttempts(username: string): Promise<void> {
      if (!bound?.throttle[username]) return;
      bound.throttle = withoutKey(bound.throttle, username);
      await commitBound();
    },

    async setPolicy(policy: LockoutPolicy): Promise<void> {
      if (!bound) return;
      if (
        bound.policy.maxFailedSignIns === policy.maxFailedSignIns &&
        bound.policy.lockoutMinutes === policy.lockoutMinutes
      )
        return;
      bound.policy = policy;
      await commitBound();
    },

    async setPracticeName(name: string): Promise<void> {
      if (file?.practiceName === name) return;
      await commit({ practiceName: name });
    },

    async setAnchor(anchor: AuditAnchor): Promise<void> {
      await commit({ anchor });
    },

    async setCheckpoint(checkpoint: AuditAnchor | null): Promise<void> {
      await commit({ checkpoint });
    },

    /** A refusal while the database is closed, for the audit trail at the next open. */
    async recordPending(event: Omit<PendingAudit, 'at'>): Promise<void> {
      if (!bound) return;
      if (bound.pendingAudit.length >= MAX_PENDING_AUDIT) bound.pendingAudit.shift();
      bound.pendingAudit.push({ at: nowIso(), ...event });
      await commitBound();
    },

    /** Hands over the recorded refusals once they are in the audit trail. */
    async takePending(write: (events: PendingAudit[]) => Promise<void>): Promise<void> {
      if (!bound || bound.pendingAudit.length === 0) return;
      const events = [...bound.pendingAudit];
      await write(events);
      bound.pendingAudit = bound.pendingAudit.slice(events.length);
      await commitBound();
    },

    /**
     * Replaces the data key and the recovery code. The new key goes into the file first, with
     * the old one beside it; then `rekey` re-keys the database; then the old key is dropped.
     * A crash between the steps leaves a file that knows both keys, and the next open finishes
     * the job (`finishRotation`).
     */
    async rotate(
      newRecoveryCode: string,
      rekey: (oldKey: Buffer, newKey: Buffer) => Promise<void>,
    ): Promise<void> {
      const open = requireOpen();
      const current = requireFile();
      if (open.previousKey) throw new AppError('conflict', 'A key change is already under way.');
      const newKey = randomBytes(32);
      const recovery = await wrapForRecovery(newKey, newRecoveryCode);
      const rotating: OpenKeys = {
        dataKey: newKey,
        slotsKey: open.slotsKey,
        previousKey: open.dataKey,
      };
      file = {
        ...current,
        previous: { dataKey: current.dataKey, recovery: current.recovery, keyId: current.keyId },
      };
      await commit({ recovery, keyId: keyIdOf(newKey) }, rotating);
      keys = rotating;
      await rekey(open.dataKey, newKey);
      await this.finishRotation();
    },

    /** The database is under the current key now: forget the previous one. */
    async finishRotation(): Promise<void> {
      const open = requireOpen();
      if (!open.previousKey && !file?.previous) return;
      const settled: OpenKeys = {
        dataKey: open.dataKey,
        slotsKey: open.slotsKey,
        previousKey: null,
      };
      if (file) file = { ...file, previous: null };
      await commit({}, settled);
      wipe(open.previousKey);
      keys = settled;
    },

    /** The file as it is, for a backup header's escrow and the tests. */
    file: () => requireFile(),

    /** The key slots to share with the practice's server (issue 21), once bound. */
    share: (): KeyShare | null => (file && bound ? keyShareOf(file, bound.users) : null),

    /** Reads the legacy plain database's first bytes: is it really plain SQLite? */
    async legacyIsPlain(): Promise<boolean> {
      const head = await readFile(paths.legacy).then(
        (b) => b.subarray(0, 16).toString('latin1'),
        () => '',
      );
      return head === 'SQLite format 3\0';
    },
  };
}

export type Vault = ReturnType<typeof makeVault>;
