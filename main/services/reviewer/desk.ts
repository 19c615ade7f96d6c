import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, validationError } from '../../../shared/errors.js';
import type { Clock } from '../../../shared/domain/clock.js';
import {
  initialLockState,
  reduceLock,
  type LockEvent,
  type LockReason,
  type LockState,
} from '../../../shared/domain/lock-machine.js';
import { enrolmentFileName, type PacketFile } from '../../../shared/domain/review-files.js';
import type {
  DraftDecision,
  OpenedPacket,
  PacketSummary,
  PacketView,
  ReviewAction,
  ReviewerStatus,
} from '../../../shared/domain/reviewer.js';
import { throttleSeconds } from '../../../shared/domain/throttle.js';
import { PASSWORD_SCRYPT, wipe, type ScryptParams } from '../../platform/crypto.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import {
  keyPairFingerprint,
  makeEnrolmentRequest,
  newBoxKeyPair,
} from '../../platform/review-crypto.js';
import type { SecretStore } from '../../platform/secret-store.js';
import type { SettingsStore } from '../../platform/settings.js';
import { newSigningKeyPair } from '../../platform/signing.js';
import type { LockChange } from '../session.js';
import { serialized } from '../serialized.js';
import { approveWeek, decisionFile, returnWeek } from './decisions.js';
import { checkPacket, type CheckedPacket } from './packet-check.js';
import { profilePath, readProfile, writeProfile, type ReviewerProfile } from './profile-file.js';
import {
  keychainSecretOf,
  newKeychainSecret,
  openSecrets,
  sealSecrets,
  wipeSecrets,
  type ProfileSecrets,
} from './profile-keys.js';
import {
  readState,
  STATE_FILE,
  writeState,
  type PacketRecord,
  type ReviewerState,
} from './state-file.js';

export interface ReviewerDeskPorts {
  dataFolder: string;
  secrets: SecretStore;
  clock: Clock;
  settings: SettingsStore;
  /** scrypt parameters of the profile's password (tests pass cheaper ones). */
  passwordKdf?: ScryptParams;
  /** True when this data folder holds a practice (then no reviewer profile may be made here). */
  practiceHere(): boolean;
}

/** What a crash in the middle of an atomic write leaves (main/platform/atomic-file.ts). */
async function removePartials(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names)
    if (name.startsWith('.') && name.endsWith('.partial'))
      await rm(join(folder, name), { force: true });
}

/** Packets as received, one file each, still sealed to this reviewer. */
const PACKETS_FOLDER = 'packets';

const NOT_REVIEWER = new AppError(
  'conflict',
  "This computer holds a practice, not a reviewer profile: review packets are opened on the supervisor's own computer.",
);
const LOCKED = new AppError(
  'locked',
  'The reviewer profile is locked. Unlock it with your password.',
);

/**
 * "I review for a practice": a supervisor's own computer, holding a reviewer profile instead of
 * a practice's database. It opens review packets sealed to this profile, keeps them as received
 * and the draft decisions sealed under a data key that is in memory only while unlocked, signs
 * approvals with the reviewer's Ed25519 key and writes decision files for the practice. It
 * locks like the app: idle time, the OS, the menu; locking overwrites the keys.
 */
export function makeReviewerDesk(ports: ReviewerDeskPorts) {
  const { dataFolder, secrets, clock, settings } = ports;
  let profile: ReviewerProfile | null = null;
  /** reviewer.json is there but unreadable: the app still starts, and says so. */
  let damaged: AppError | null = null;
  let keys: ProfileSecrets | null = null;
  let lock: LockState = initialLockState(clock.now().getTime(), true);
  lock = { ...lock, reason: null };
  let failures = 0;
  let nextAttemptAt = 0;
  const listeners = new Set<(change: LockChange) => void>();
  const exclusive = serialized();

  function applyLock(event: LockEvent): void {
    const before = lock.locked;
    lock = reduceLock(lock, event, settings.get().idleMinutes);
    if (lock.locked && !before) {
      wipeSecrets(keys);
      keys = null;
    }
    if (lock.locked !== before)
      for (const l of listeners) l({ locked: lock.locked, reason: lock.reason });
  }

  const requireProfile = (): ReviewerProfile => {
    if (ports.practiceHere()) throw NOT_REVIEWER;
    if (damaged) throw damaged;
    if (!profile)
      throw new AppError(
        'conflict',
        'There is no reviewer profile on this computer yet. Choose "I review for a practice" at first run.',
      );
    return profile;
  };

  const unlocked = (): { profile: ReviewerProfile; keys: ProfileSecrets } => {
    const p = requireProfile();
    if (!keys || lock.locked) throw LOCKED;
    return { profile: p, keys };
  };

  function status(): ReviewerStatus {
    const here = profile && !ports.practiceHere() ? profile : null;
    const problem = damaged && !ports.practiceHere() ? damaged.message : null;
    return {
      state: problem ? 'locked' : !here ? 'none' : keys && !lock.locked ? 'unlocked' : 'locked',
      problem,
      profile: here
        ? {
            reviewerId: here.reviewerId,
            name: here.name,
            email: here.email,
            createdAt: here.createdAt,
            fingerprint: keyPairFingerprint(here.signingPublicKey, here.boxPublicKey),
          }
        : null,
      lockReason: here && lock.locked ? lock.reason : null,
      idleMinutes: settings.get().idleMinutes,
    };
  }

  const state = () => {
    const u = unlocked();
    return readState(dataFolder, u.keys.dataKey, u.profile.reviewerId);
  };
  const saveState = (s: ReviewerState) => {
    const u = unlocked();
    return writeState(dataFolder, u.keys.dataKey, u.profile.reviewerId, s);
  };

  const packetPath = (packetId: string) => join(dataFolder, PACKETS_FOLDER, `${packetId}.hkpacket`);

  function summaryOf(packetId: string, r: PacketRecord, s: ReviewerState): PacketSummary {
    const pin = s.pins[r.practiceId];
    return {
      packetId,
      practiceId: r.practiceId,
      practiceName: r.practiceName,
      practiceFingerprint: pin?.fingerprint ?? '',
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      openedAt: r.openedAt,
      expired: new Date(r.expiresAt).getTime() <= clock.now().getTime(),
      weeks: r.weeks,
      decided: r.drafts.length,
      savedAt: r.savedAt,
    };
  }

  /** A stored packet, checked again as it was when opened (its expiry aside: drafts outlive it). */
  async function storedPacket(
    packetId: string,
    s: ReviewerState,
  ): Promise<CheckedPacket & { record: PacketRecord }> {
    const record = s.packets[packetId];
    if (!record)
      throw new AppError('not_found', 'No packet with this id was opened on this computer.');
    const u = unlocked();
    const text = await readFile(packetPath(packetId), 'utf8').catch(() => {
      throw new AppError(
        'conflict',
        `The stored copy of packet ${packetId} is missing from the data folder; open the packet file again.`,
      );
    });
    const checked = checkPacket(text, {
      fileName: `Stored packet ${packetId}`,
      reviewerId: u.profile.reviewerId,
      boxPrivateKey: u.keys.boxPrivateKey,
      // Checked as of when it was opened: an expired packet's weeks can still be read.
      now: new Date(record.openedAt),
      pinOf: (id) => s.pins[id],
    });
    return { ...checked, record };
  }

  function viewOf(
    packetId: string,
    checked: CheckedPacket & { record: PacketRecord },
    s: ReviewerState,
  ): PacketView {
    const drafts = new Map(checked.record.drafts.map((d) => [`${d.workerId}|${d.weekStart}`, d]));
    return {
      ...summaryOf(packetId, checked.record, s),
      items: checked.content.weeks.map((w) => ({
        ...w,
        decision: drafts.get(`${w.workerId}|${w.weekStart}`) ?? null,
      })),
    };
  }

  /**
   * The profile file's secret parts for `password`: the keys sealed under it (with this
   * computer's keychain secret) and the enrolment request, whose adoption copy of the signing
   * key is sealed under the same password.
   */
  async function sealedProfile(
    base: Omit<ReviewerProfile, 'sealedKeys' | 'enrolment'>,
    password: string,
    keychainSecret: Buffer,
    keysNow: ProfileSecrets,
  ): Promise<ReviewerProfile> {
    const sealedKeys = await sealSecrets(base, password, keychainSecret, keysNow);
    const enrolment = await makeEnrolmentRequest({
      reviewerId: base.reviewerId,
      name: base.name,
      email: base.email,
      createdAt: base.createdAt,
      signingPrivateKey: keysNow.signingPrivateKey,
      boxPublicKey: base.boxPublicKey,
      password,
      kdf: { N: base.kdf.N, r: base.kdf.r, p: base.kdf.p },
    });
    return { ...base, sealedKeys, enrolment };
  }

  /**
   * The profile's secrets under `password`; a wrong one is answered on `field` and counts
   * towards the throttle, whether it came to unlock, to change the password or to remove.
   */
  async function openWith(
    p: ReviewerProfile,
    password: string,
    field: string,
  ): Promise<ProfileSecrets> {
    const now = clock.now().getTime();
    if (now < nextAttemptAt) {
      const wait = Math.ceil((nextAttemptAt - now) / 1000);
      throw new AppError('forbidden', `Too many wrong passwords. Try again in ${wait} s.`);
    }
    const opened = await openSecrets(p, password, secrets);
    if (!opened) {
      failures += 1;
      nextAttemptAt = clock.now().getTime() + throttleSeconds(failures) * 1000;
      throw validationError({ [field]: 'Wrong password' }, 'Wrong password.');
    }
    failures = 0;
    nextAttemptAt = 0;
    return opened;
  }

  return {
    /** Reads the profile at start-up; the gate asks `exists()` to choose the reviewer's app. */
    async load(): Promise<void> {
      await removePartials(dataFolder);
      await removePartials(join(dataFolder, PACKETS_FOLDER));
      try {
        profile = await readProfile(dataFolder);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        damaged = err;
      }
    },
    exists: () => (profile !== null || damaged !== null) && !ports.practiceHere(),
    status,
    onLockChange(listener: (change: LockChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    createProfile: (input: { name: string; email: string | null; password: string }) =>
      exclusive(async (): Promise<ReviewerStatus> => {
        if (ports.practiceHere()) throw NOT_REVIEWER;
        if (profile || damaged || (await stat(join(dataFolder, 'reviewer.json')).catch(() => null)))
          throw new AppError('conflict', 'This computer already has a reviewer profile.');
        const reviewerId = randomUUID();
        const keychainAccount = `reviewer-profile-${reviewerId}`;
        const signing = newSigningKeyPair();
        const box = newBoxKeyPair();
        const secretsNow: ProfileSecrets = {
          signingPrivateKey: signing.privateKey,
          boxPrivateKey: box.privateKey,
          dataKey: randomBytes(32),
        };
        const kdfParams = ports.passwordKdf ?? PASSWORD_SCRYPT;
        const keychainSecret = await newKeychainSecret(secrets, keychainAccount);
        try {
          const base = {
            format: 'hourkeep-reviewer-profile' as const,
            version: 1 as const,
            reviewerId,
            name: input.name,
            email: input.email,
            createdAt: clock.now().toISOString(),
            signingPublicKey: signing.publicKey,
            boxPublicKey: box.publicKey,
            keychainAccount,
            kdf: { ...kdfParams, salt: randomBytes(16).toString('base64') },
          };
          const made = await sealedProfile(base, input.password, keychainSecret, secretsNow);
          await mkdir(join(dataFolder, PACKETS_FOLDER), { recursive: true, mode: 0o700 });
          await writeProfile(dataFolder, made);
          profile = made;
        } catch (err) {
          wipeSecrets(secretsNow);
          await secrets.delete(keychainAccount).catch(() => false);
          throw err;
        } finally {
          wipe(keychainSecret);
        }
        keys = secretsNow;
        applyLock({ type: 'unlocked', at: clock.now().getTime() });
        return status();
      }),

    unlock: (password: string) =>
      exclusive(async (): Promise<ReviewerStatus> => {
        const p = requireProfile();
        if (keys && !lock.locked) return status();
        keys = await openWith(p, password, 'password');
        applyLock({ type: 'unlocked', at: clock.now().getTime() });
        return status();
      }),

    lock(reason: Exclude<LockReason, 'signed-out' | 'idle'>): ReviewerStatus {
      if (profile) applyLock({ type: reason, at: clock.now().getTime() });
      return status();
    },
    activity(): void {
      applyLock({ type: 'activity', at: clock.now().getTime() });
    },
    tick(osIdleSeconds?: number): void {
      if (!keys) return;
      applyLock(
        osIdleSeconds === undefined
          ? { type: 'tick', at: clock.now().getTime() }
          : { type: 'tick', at: clock.now().getTime(), osIdleSeconds },
      );
    },

    enrolmentRequest(): { fileName: string; base64: string; fingerprint: string } {
      const { profile: p } = unlocked();
      return {
        fileName: enrolmentFileName(p.name),
        base64: Buffer.from(JSON.stringify(p.enrolment, null, 1), 'utf8').toString('base64'),
        fingerprint: keyPairFingerprint(p.signingPublicKey, p.boxPublicKey),
      };
    },

    /**
     * A new password for the profile: its keys sealed again under it (a new salt, this
     * version's scrypt cost) and a new enrolment request. The keys, pins, packets and drafts
     * stay as they are; nothing the practice holds changes.
     */
    changePassword: (input: { currentPassword: string; newPassword: string }) =>
      exclusive(async (): Promise<null> => {
        const u = unlocked();
        wipeSecrets(await openWith(u.profile, input.currentPassword, 'currentPassword'));
        const kdfParams = ports.passwordKdf ?? PASSWORD_SCRYPT;
        const p = u.profile;
        const base = {
          format: p.format,
          version: p.version,
          reviewerId: p.reviewerId,
          name: p.name,
          email: p.email,
          createdAt: p.createdAt,
          signingPublicKey: p.signingPublicKey,
          boxPublicKey: p.boxPublicKey,
          keychainAccount: p.keychainAccount,
          kdf: { ...kdfParams, salt: randomBytes(16).toString('base64') },
        };
        const keychainSecret = await keychainSecretOf(secrets, u.profile.keychainAccount);
        try {
          const made = await sealedProfile(base, input.newPassword, keychainSecret, u.keys);
          await writeProfile(dataFolder, made);
          profile = made;
        } finally {
          wipe(keychainSecret);
        }
        return null;
      }),

    /**
     * Removes the profile from this computer: the opened packets, the drafts, the profile file
     * and its keychain secret. Decisions not saved to a file are lost; the practice keeps what
     * it was sent. The profile file goes first, so a stop half-way leaves no profile to open,
     * only leftovers that the next profile's removal of partial files and this folder's reuse
     * overwrite.
     */
    removeProfile: (input: { password: string }) =>
      exclusive(async (): Promise<ReviewerStatus> => {
        const u = unlocked();
        wipeSecrets(await openWith(u.profile, input.password, 'password'));
        await rm(profilePath(dataFolder), { force: true });
        await rm(join(dataFolder, STATE_FILE), { force: true });
        await rm(join(dataFolder, PACKETS_FOLDER), { recursive: true, force: true });
        await secrets.delete(u.profile.keychainAccount).catch(() => false);
        wipeSecrets(keys);
        keys = null;
        profile = null;
        damaged = null;
        lock = { ...initialLockState(clock.now().getTime(), true), reason: null };
        return status();
      }),

    openPacket: (upload: { name: string; base64: string }) =>
      exclusive(async (): Promise<OpenedPacket> => {
        const u = unlocked();
        const s = await state();
        const text = Buffer.from(upload.base64, 'base64').toString('utf8');
        const checked = checkPacket(text, {
          fileName: upload.name,
          reviewerId: u.profile.reviewerId,
          boxPrivateKey: u.keys.boxPrivateKey,
          now: clock.now(),
          pinOf: (id) => s.pins[id],
        });
        const { header } = checked.file;
        const existing = s.packets[header.packetId];
        if (existing) {
          const stored = await readFile(packetPath(header.packetId), 'utf8').catch(() => null);
          if (stored !== null && stored !== text)
            throw new AppError(
              'validation',
              `${upload.name}: a different packet with the same id (${header.packetId}) was opened before; this one was refused.`,
              { file: 'A different packet with the same id was opened before' },
            );
          return { packet: summaryOf(header.packetId, existing, s), pinnedNow: false };
        }
        const pinnedNow = !s.pins[header.practiceId];
        if (pinnedNow)
          s.pins[header.practiceId] = {
            practiceName: header.practiceName,
            signingKey: header.practiceSigningKey,
            boxKey: header.practiceBoxKey,
            fingerprint: checked.fingerprint,
            pinnedAt: clock.now().toISOString(),
          };
        const record: PacketRecord = {
          practiceId: header.practiceId,
          practiceName: header.practiceName,
          supervisorId: header.supervisorId,
          createdAt: header.createdAt,
          expiresAt: header.expiresAt,
          openedAt: clock.now().toISOString(),
          weeks: checked.content.weeks.length,
          savedAt: null,
          drafts: [],
        };
        s.packets[header.packetId] = record;
        await mkdir(join(dataFolder, PACKETS_FOLDER), { recursive: true, mode: 0o700 });
        // The packet as received: it stays sealed to this profile's box key on disk.
        await writeFileAtomic(packetPath(header.packetId), text);
        await saveState(s);
        return { packet: summaryOf(header.packetId, record, s), pinnedNow };
      }),

    async packets(): Promise<PacketSummary[]> {
      const s = await state();
      return Object.entries(s.packets)
        .map(([id, r]) => summaryOf(id, r, s))
        .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
    },

    async packet(packetId: string): Promise<PacketView> {
      const s = await state();
      return viewOf(packetId, await storedPacket(packetId, s), s);
    },

    decide: (input: {
      packetId: string;
      workerId: number;
      weekStart: string;
      action: ReviewAction;
      comment: string | null;
    }) =>
      exclusive(async (): Promise<PacketView> => {
        const s = await state();
        const checked = await storedPacket(input.packetId, s);
        const week = checked.content.weeks.find(
          (w) => w.workerId === input.workerId && w.weekStart === input.weekStart,
        );
        if (!week) throw new AppError('not_found', 'This packet holds no such week.');
        const u = unlocked();
        const now = clock.now();
        let draft: DraftDecision;
        if (input.action === 'return') {
          if (!input.comment)
            throw validationError({
              comment: 'Say what needs to change: a return needs a comment',
            });
          draft = returnWeek(week, input.comment, now);
        } else {
          draft = approveWeek(week, u.keys.signingPrivateKey, now);
          if (input.comment) draft = { ...draft, comment: input.comment };
        }
        const record = checked.record;
        record.drafts = [
          ...record.drafts.filter(
            (d) => !(d.workerId === draft.workerId && d.weekStart === draft.weekStart),
          ),
          draft,
        ];
        await saveState(s);
        return viewOf(input.packetId, { ...checked, record }, s);
      }),

    decisionFile: (packetId: string) =>
      exclusive(async (): Promise<{ fileName: string; base64: string }> => {
        const s = await state();
        const checked = await storedPacket(packetId, s);
        if (!checked.record.drafts.length)
          throw new AppError(
            'conflict',
            'Approve or return at least one week before saving a decision file.',
          );
        const u = unlocked();
        const file = decisionFile({
          packet: checked.file as PacketFile,
          drafts: checked.record.drafts,
          reviewerName: u.profile.name,
          signingPrivateKey: u.keys.signingPrivateKey,
          at: clock.now(),
        });
        checked.record.savedAt = clock.now().toISOString();
        await saveState(s);
        return { fileName: file.fileName, base64: file.base64 };
      }),
  };
}

export type ReviewerDesk = ReturnType<typeof makeReviewerDesk>;
