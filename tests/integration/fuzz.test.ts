import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, contract, type ApiName } from '../../shared/api/contract.js';
import type { Envelope } from '../../shared/api/bridge.js';
import { openCore } from '../../main/core.js';
import { integrityCheck } from '../../main/db/dialect/index.js';
import { isTextField } from '../../shared/domain/text.js';
import type { SessionUser } from '../../main/services/session.js';
import { onPostgres, placeOnTestServer } from '../support/pg-test-server.js';
import {
  call,
  createAccount,
  seedPractice,
  seedSecondTeam,
  signedInUser,
} from '../support/seed.js';
import {
  OWNER,
  TEST_PASSWORD_KDF,
  completeSetup,
  fakeClock,
  tempFolder,
  testSecretStore,
} from '../support/temp-core.js';
import { defOf, unwrapped } from '../support/zod-defs.js';

/**
 * Issue 15: `internal` never reaches a caller for bad input. Every API name gets a few hundred
 * generated inputs — random JSON shapes, huge and odd strings, deep nesting, prototype keys,
 * odd numbers, values IPC's structured clone can carry, and near-valid inputs built from the
 * call's own schema with parts broken — as the owner, and a sample as a worker and a
 * supervisor. None may answer `internal`; afterwards the database and the audit chain are whole.
 *
 * The seed is fixed and the generator deterministic, so a failure names an input that
 * reproduces it. HOURKEEP_FUZZ_SEED and HOURKEEP_FUZZ_SCALE explore further by hand.
 */
const SEED = Number(process.env.HOURKEEP_FUZZ_SEED ?? 20261215);
const SCALE = Number(process.env.HOURKEEP_FUZZ_SCALE ?? 1);
const OWNER_INPUTS = Math.round(240 * SCALE);
const ROLE_INPUTS = Math.round(24 * SCALE);

/** Calls that hash a password or unwrap a key (about 0.1 s of scrypt each) when input parses. */
const SLOW = new Set<ApiName>([
  'setup.complete',
  'auth.signIn',
  'auth.recover',
  'auth.unlock',
  'account.changePassword',
  'users.create',
  'users.resetPassword',
  'weeks.approve',
  'backups.restore',
  'backups.previewRestore',
  'setup.previewBackup',
  'privacy.deletion.execute',
]);
/** Calls that write a backup file when their (empty) input parses. */
const HEAVY = new Set<ApiName>(['backups.create']);

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rng, p: number) => r() < p;

const CSV_OK =
  'date,worker_id,site,supervisor,category,minutes,note\n2026-11-18,1,Downtown Clinic,maria@example.org,direct_individual,5,\n';

const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  'x'.repeat(70_000),
  'é'.repeat(3_000),
  '\uD800',
  'eve\uD800',
  'a\uDC00b',
  '\uDE00\uD83D',
  'x\u0000y',
  '\u0007bell',
  '\u007f',
  '\u0085',
  '\t',
  '\n',
  'two\r\nlines',
  '\u200B',
  '\u200B\u200D\uFEFF',
  '\u3164',
  'abc\u202Etxt.exe',
  '👨‍👩‍👧',
  'e\u0301',
  '１２３-４５-６７８９',
  'f32.1',
  'SSN 123-45-6789',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  '-0',
  '1e308',
  'Infinity',
  '-1',
  '0',
  '1',
  '2',
  '99999999999999999999',
  '0x1F',
  '1.5',
  '2026-11-18',
  '2026-11-16',
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
  '2026-11-18T10:00:00Z',
  "'; DROP TABLE workers; --",
  '%s%n%x',
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '/proc/self/mem',
  '/sys/x',
  '/dev/null',
  'C:\\Windows',
  'CON',
  'hourkeep-20261120T100000Z-manual.hkbackup',
  'missing.hkbackup',
  '.hkbackup',
  'owner',
  'wrk',
  'sup',
  'owner password 1',
  'maria@example.org',
  'MARIA@EXAMPLE.ORG',
  'a@b.co',
  'not an email',
  'LMFT 12345',
  'AMFT 1001',
  'CA',
  'ca',
  'direct_individual',
  'supervision_individual',
  'generic',
  'ca-bbs-lmft',
  'json',
  'pdf',
  'csv',
  'worker',
  'supervisor',
  'owner',
  'accept',
  'decline',
  'correction',
  'deletion',
  'email',
  'firstName',
  'AAAA',
  'JVBERi0xLjQK',
  '====',
  '0'.repeat(32),
  'f'.repeat(32),
  CSV_OK,
  'date,worker_id,site,supervisor,category,minutes,note\n2026-11-18,1,"unterminated\n',
  'date\n',
  '{"a":1}',
  '[]',
];
const ODD_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  2,
  3,
  4,
  5,
  6,
  -1,
  1.5,
  0.1,
  1e308,
  -1e308,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  30,
  60,
  1440,
  1441,
  2026,
  100_000,
];
const KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'confirmSensitive',
  'id',
  'workerId',
  'name',
  'x',
  '',
  '\uD800',
  'a\u0000',
];

/** An object with `key` as an own property, even `__proto__` (as JSON.parse makes it). */
function withKey(obj: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}

function randomString(r: Rng): string {
  const n = Math.floor(r() * 24);
  let s = '';
  for (let i = 0; i < n; i++) {
    const band = r();
    s += String.fromCharCode(
      band < 0.6
        ? 0x20 + Math.floor(r() * 95)
        : band < 0.7
          ? Math.floor(r() * 0x20)
          : band < 0.8
            ? 0xd800 + Math.floor(r() * 0x800)
            : Math.floor(r() * 0x10000),
    );
  }
  return s;
}

function deep(r: Rng, depth: number): unknown {
  let v: unknown = pick(r, [1, 'x', null, {}]);
  for (let i = 0; i < depth; i++) v = chance(r, 0.5) ? [v] : { a: v };
  return v;
}

/** Any value a caller could send: JSON shapes, and what structured clone adds over IPC. */
function randomValue(r: Rng, depth = 0): unknown {
  const kind = Math.floor(r() * 16);
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return chance(r, 0.5);
    case 3:
    case 4:
      return pick(r, ODD_NUMBERS);
    case 5:
    case 6:
    case 7:
      return pick(r, ODD_STRINGS);
    case 8:
      return randomString(r);
    case 9:
      return depth > 3
        ? []
        : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 10:
    case 11: {
      const obj: Record<string, unknown> = chance(r, 0.1) ? Object.create(null) : {};
      const n = depth > 3 ? 0 : Math.floor(r() * 4);
      for (let i = 0; i < n; i++)
        withKey(obj, chance(r, 0.5) ? pick(r, KEYS) : randomString(r), randomValue(r, depth + 1));
      return obj;
    }
    case 12:
      return deep(r, pick(r, [10, 200, 2000]));
    case 13:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}');
    case 14:
      return pick(r, [
        new Date(Number.NaN),
        new Date(0),
        new Map([['a', 1]]),
        new Set([1]),
        new Uint8Array([1, 2, 3]),
        1n,
        /x/,
        'x'.repeat(1_100_000),
      ]);
    default:
      return pick(r, [[], {}, '', 0]);
  }
}

interface Ids {
  dataFolder: string;
  workerIds: number[];
}

/** A plausible value for a field named `key`: what the callers actually send. */
function textFor(r: Rng, key: string, ids: Ids): string {
  if (chance(r, 0.15)) return pick(r, ODD_STRINGS);
  if (/date|from|to|weekStart|Expires|On$|receivedOn|publishedOn/i.test(key))
    return pick(r, ['2026-11-18', '2026-11-16', '2026-01-05', '2026-03-02', '2025-12-01']);
  if (/email/i.test(key))
    return pick(r, ['maria@example.org', 'new@example.org', 'sam@example.org']);
  if (/username/.test(key)) return pick(r, ['owner', 'wrk', 'sup', 'fuzz.user']);
  if (/password|currentPassword|newPassword/i.test(key))
    return pick(r, ['owner password 1', 'wrong password', 'a']);
  if (/licenseState/.test(key)) return pick(r, ['CA', 'NV', 'ca']);
  if (/licenseNumber|registrationNumber/.test(key))
    return pick(r, ['LMFT 12345', 'AMFT 1001', 'X1']);
  if (key === 'csv') return CSV_OK;
  if (key === 'base64') return pick(r, ['AAAA', 'JVBERi0xLjQK', 'SEtCQUNLVVA=']);
  if (key === 'fileName') return pick(r, ['missing.hkbackup', 'x.txt', '../x.hkbackup']);
  if (key === 'folder' || key === 'backupFolder')
    return pick(r, [
      'relative',
      '/proc/x',
      `${ids.dataFolder}/fuzz-backups`,
      `${ids.dataFolder}/hourkeep.sqlite`,
      '/sys',
    ]);
  if (key === 'token') return pick(r, ['0'.repeat(32), 'abc']);
  if (key === 'id' && chance(r, 0.5)) return pick(r, ['generic', 'ca-bbs-lmft', 'fuzz-pack']);
  if (/packId|basedOn/.test(key)) return pick(r, ['generic', 'ca-bbs-lmft', 'nope']);
  if (key === 'version') return pick(r, ['1.1', '2.0', '1.0']);
  return pick(r, ['Fuzz text', 'Case review', 'California BBS', 'Licensure', 'A'.repeat(40)]);
}

function numberFor(r: Rng, key: string, ids: Ids): number {
  if (chance(r, 0.1)) return pick(r, ODD_NUMBERS);
  if (/minutes/i.test(key)) return pick(r, [15, 30, 60, 90, 600]);
  if (/year/i.test(key)) return pick(r, [2025, 2026]);
  if (/limit/.test(key)) return pick(r, [1, 10, 100]);
  if (/years/.test(key)) return pick(r, [1, 6, 7]);
  if (/workerId/.test(key)) return pick(r, ids.workerIds);
  return 1 + Math.floor(r() * 6);
}

/**
 * A value shaped by the schema, broken at random: each node is replaced by a random value with
 * probability `m`, optional parts come and go, and objects gain stray keys.
 */
function fromSchema(schema: unknown, r: Rng, m: number, key: string, ids: Ids, depth = 0): unknown {
  if (chance(r, m) || depth > 12) return randomValue(r);
  if (isTextField(schema)) {
    const def = defOf(schema);
    if (def.type === 'record') return { name: 'Fuzz pack', notes: [textFor(r, 'x', ids)] };
    return textFor(r, key, ids);
  }
  const def = defOf(schema);
  const into = (s: unknown, k = key) => fromSchema(s, r, m, k, ids, depth + 1);
  const inner = unwrapped(def);
  if (inner !== undefined) return into(inner);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        if (chance(r, 0.06)) continue;
        out[k] = into(v, k);
      }
      if (chance(r, 0.06)) withKey(out, pick(r, KEYS), randomValue(r));
      return out;
    }
    case 'array':
      return Array.from({ length: Math.floor(r() * 4) }, () => into(def.element));
    case 'union':
      return into(pick(r, def.options as unknown[]));
    case 'intersection':
      return into(def.left);
    case 'record':
      return { a: into(def.valueType) };
    case 'pipe':
      return into(def.in);
    case 'optional':
      return chance(r, 0.2) ? undefined : into(def.innerType);
    case 'nullable':
      return chance(r, 0.15) ? null : into(def.innerType);
    case 'enum':
      return pick(r, Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return pick(r, def.values as unknown[]);
    case 'boolean':
      return chance(r, 0.5);
    case 'number':
      return numberFor(r, key, ids);
    case 'null':
      return null;
    case 'custom':
      // The CE certificate: a file the renderer read.
      return {
        name: pick(r, ['c.pdf', '', 'x\u0000.pdf']),
        mimeType: pick(r, ['application/pdf', 'image/png', 'text/html']),
        base64: pick(r, ['JVBERi0xLjQK', 'AAAA', '!!']),
      };
    default:
      return randomValue(r);
  }
}

/** The input to send: mostly near-valid from the schema, the rest anything at all. */
function generate(name: ApiName, r: Rng, ids: Ids): unknown {
  const slow = SLOW.has(name) || HEAVY.has(name);
  if (chance(r, slow ? 0.85 : 0.25)) return randomValue(r);
  const m = slow ? pick(r, [0.3, 0.6]) : pick(r, [0, 0.02, 0.1, 0.3]);
  return fromSchema(contract[name].input, r, m, '', ids);
}

/** A short, printable account of an input for a failure message. */
function describeInput(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint'
        ? `${x}n`
        : typeof x === 'string' && x.length > 60
          ? `${x.slice(0, 60)}…(${x.length})`
          : x,
    );
    return (s ?? String(v)).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

describe('fuzz: no API call answers internal', () => {
  const folder = tempFolder('hourkeep-fuzz-');
  const internals: string[] = [];
  /** Answers by name and code: HOURKEEP_FUZZ_REPORT=1 prints them, to see what the inputs reach. */
  const answers = new Map<string, Record<string, number>>();
  const logged: string[] = [];
  let core: Awaited<ReturnType<typeof openCore>>;
  let users: Record<'owner' | 'supervisor' | 'worker', SessionUser>;
  let ids: Ids;
  let recoveryCode = '';
  const KEEPER = { username: 'keeper-q7x2', password: 'keeper password 1' };

  beforeAll(async () => {
    // In the PostgreSQL pass the practice is on the test server, as openTestCore puts it.
    if (onPostgres()) await placeOnTestServer(folder.path, testSecretStore());
    core = await openCore({
      dataFolder: folder.path,
      version: '0.0.0-test',
      secrets: testSecretStore(),
      passwordKdf: TEST_PASSWORD_KDF,
      clock: fakeClock('2026-11-20T10:00:00'),
      log: (message, err) =>
        logged.push(`${message}: ${err instanceof Error ? err.stack : String(err)}`),
    });
    recoveryCode = await completeSetup(core);
    const seeded = await seedPractice(core);
    const second = await seedSecondTeam(core, seeded.site.id);
    const owner = signedInUser(core);
    const account = (
      username: string,
      role: 'worker' | 'supervisor',
      link: { workerId: number } | { supervisorId: number },
    ) => createAccount(core, username, role, link, { password: 'owner password 1' });
    // A second owner the fuzzer never names reopens the practice with a (test-cheap) password.
    await call(core, 'users.create', {
      username: KEEPER.username,
      displayName: 'Keeper',
      role: 'owner',
      password: KEEPER.password,
    });
    users = {
      owner,
      worker: await account('wrk', 'worker', { workerId: seeded.worker.id }),
      supervisor: await account('sup', 'supervisor', { supervisorId: seeded.supervisor.id }),
    };
    ids = { dataFolder: folder.path, workerIds: [seeded.worker.id, second.priya.id, 999] };
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    folder.remove();
  });

  /**
   * Opens the practice again after a call locked or signed out (which closes the database). The
   * recovery code does it without a password, which fuzzed sign-ins may have locked out.
   */
  async function reopen(): Promise<void> {
    if (core.isOpen()) return;
    // The keeper's slot opens in milliseconds; the recovery code (scrypt at full strength) only
    // when a fuzzed call disabled or locked out the keeper.
    try {
      await core.gate.signIn(KEEPER.username, KEEPER.password);
      if (core.isOpen()) return;
    } catch {
      // fall through to the recovery code
    }
    await core.gate.resetOwnerPassword({
      code: recoveryCode,
      username: OWNER.username,
      newPassword: OWNER.password,
    });
  }

  /** Calls as `who`, then puts the session back: a call may sign out, lock or switch user. */
  async function send(who: SessionUser, name: ApiName, input: unknown) {
    await reopen();
    const session = core.services.session;
    if (session.user()?.id !== who.id || session.isLocked()) session.signIn(who);
    let res: Envelope<unknown>;
    try {
      res = await core.invoke(name, input);
    } catch (err) {
      internals.push(`${name} threw ${String(err)} for ${describeInput(input)}`);
      return;
    }
    const code = res.ok ? 'ok' : res.error.code;
    const tally = answers.get(name) ?? {};
    tally[code] = (tally[code] ?? 0) + 1;
    answers.set(name, tally);
    if (!res.ok && res.error.code === 'internal') {
      internals.push(`${name} as ${who.role}: ${describeInput(input)}\n  ${logged.at(-1) ?? ''}`);
    }
  }

  it(`sends ${OWNER_INPUTS} inputs per name as the owner and ${ROLE_INPUTS} as each other role`, async () => {
    const r = prng(SEED);
    for (const name of API_NAMES) {
      for (let i = 0; i < OWNER_INPUTS; i++) await send(users.owner, name, generate(name, r, ids));
      for (const role of ['worker', 'supervisor'] as const)
        for (let i = 0; i < ROLE_INPUTS; i++) await send(users[role], name, generate(name, r, ids));
    }
    if (process.env.HOURKEEP_FUZZ_REPORT)
      for (const [name, tally] of answers)
        process.stderr.write(`${name} ${JSON.stringify(tally)}\n`);
    expect(internals.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('leaves the database whole and the audit chain intact', async () => {
    await reopen();
    core.services.session.signIn(users.owner);
    expect(await integrityCheck(core.db)).toEqual(['ok']);
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });
});
