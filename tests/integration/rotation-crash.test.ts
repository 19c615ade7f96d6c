import { spawn } from 'node:child_process';
import { cpSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { openDatabaseChecked, insertBatched } from '../../main/db/connection.js';
import { deriveKey } from '../../main/platform/crypto.js';
import { keyIdOf, readSlotFile, recoverDataKey } from '../../main/platform/key-slots.js';
import { DATABASE_FILE, SLOT_FILE } from '../../main/services/vault.js';
import { DEFAULT_RETENTION } from '../../shared/domain/retention.js';
import {
  childSignedIn,
  buildChildScript,
  childCoreArgs,
  checkoutRoot,
} from '../support/crash-child.js';
import { call, seedPractice } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, openTestCore, tempFolder } from '../support/temp-core.js';

/**
 * A real SIGKILL at varied moments while a child process has the owner replace the data key
 * again and again (new recovery code, `PRAGMA rekey`, new slots; a backup after each change):
 * the next start opens the practice with the owner's password, the data is whole, the recovery
 * code the key file holds is the last one the child finished or the one it was setting, and
 * every backup restores with the recovery code of its time.
 */
const TABLES = ['hour_entries', 'workers', 'users', 'sites', 'supervisors'] as const;
/** Enough rows that re-keying the file takes a while, so some kills land inside it. */
const BULK_ENTRIES = 40_000;

async function tableCounts(db: Core['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db(t).count({ n: '*' }).first())?.n);
  return out;
}

/** The data key a recovery code opens in the key file, when it is the file's current one. */
async function codeOpensFile(folder: string, code: string): Promise<boolean> {
  const file = await readSlotFile(join(folder, SLOT_FILE));
  const key = await recoverDataKey(file, code);
  const opens = key !== null && keyIdOf(key) === file.keyId;
  key?.fill(0);
  return opens;
}

describe('change of the data key killed with SIGKILL', () => {
  let scratch: ReturnType<typeof tempFolder>;
  let template: string;
  let firstCode: string;
  let firstBackup: string;
  let counts: Record<string, number>;
  let childScript: string;

  beforeAll(async () => {
    scratch = tempFolder('hourkeep-rotation-crash-');
    childScript = await buildChildScript(
      'rotation-child',
      `
          const CHILD_START = Date.parse('2026-11-20T10:30:00Z');
          const started = Date.now();
          // A second added after each backup: backup names go by the second, and two in one
          // second would share a name, the second file replacing the first.
          let skew = 0;
          ${childSignedIn(
            // The practice's fixed time (before the checking core's), running on: its backups
            // must not be dated after the clock that restores them.
            'clock: { now: () => new Date(CHILD_START + (Date.now() - started) + skew) },',
          )}
          for (let n = 1; ; n++) {
            const { recoveryCode } = await call('keys.prepareRotation', {});
            process.stdout.write('|R' + n + ':' + recoveryCode + '|');
            await call('keys.rotate', { recoveryCodeCheck: recoveryCode.slice(-11), password: owner });
            process.stdout.write('|D' + n + '|');
            const backup = await call('backups.create', {});
            skew += 1000;
            process.stdout.write('|B' + n + ':' + backup.fileName + '|');
          }`,
    );
    // A practice set up once, with enough hours that a re-key takes a while, and a backup
    // made under its first key; every run works on a copy (same keychain binding).
    const core = await openTempCore(fakeClock('2026-11-20T10:00:00Z'));
    // Every backup kept: with the default policy each backup rotates the one before away (one
    // a day), so a kill after that and before the child printed the new name would leave the
    // last name it printed gone.
    await call(core, 'settings.update', {
      retention: { ...DEFAULT_RETENTION, keepLast: 1000 },
    });
    const { site, supervisor, worker } = await seedPractice(core);
    const stamp = '2026-11-20T10:00:00.000Z';
    const rows = Array.from({ length: BULK_ENTRIES }, (_, i) => ({
      worker_id: worker.id,
      date: new Date(Date.UTC(2026, 0, 5) + (i % 300) * 86_400_000).toISOString().slice(0, 10),
      site_id: site.id,
      supervisor_id: supervisor.id,
      category: 'direct_individual',
      minutes: 1,
      note: `entry ${i}`,
      created_at: stamp,
      updated_at: stamp,
    }));
    await core.db.transaction((trx) => insertBatched(trx, 'hour_entries', rows));
    counts = await tableCounts(core.db);
    firstBackup = (await call(core, 'backups.create', {})).fileName;
    firstCode = core.recoveryCode ?? '';
    template = core.folder;
    await core.close();
  }, 120_000);
  afterAll(async () => {
    scratch?.remove();
    await rm(template, { recursive: true, force: true });
    await rm(childScript, { force: true });
  });

  /**
   * Runs the child and kills it `kill` ms after it signed in, or ('mid-rekey') once the
   * write-ahead log has grown past half the database: `PRAGMA rekey` is rewriting every page.
   */
  function runChild(folder: string, kill: number | 'mid-rekey'): Promise<string> {
    return new Promise((ok, fail) => {
      const child = spawn(process.execPath, [childScript, ...childCoreArgs(folder)], {
        cwd: checkoutRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let timer: NodeJS.Timeout | undefined;
      const size = (name: string) => {
        try {
          return statSync(join(folder, name)).size;
        } catch {
          return 0;
        }
      };
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (timer !== undefined || !out.includes('O')) return;
        if (kill !== 'mid-rekey') {
          timer = setTimeout(() => child.kill('SIGKILL'), kill);
          return;
        }
        const database = size(DATABASE_FILE);
        timer = setInterval(() => {
          if (size(`${DATABASE_FILE}-wal`) > database / 2) child.kill('SIGKILL');
        }, 1);
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // 'close', not 'exit': 'exit' may come before the last of the child's output is read.
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        clearInterval(timer);
        if (signal === 'SIGKILL') ok(out);
        else fail(new Error(`child exited ${code}: ${err}`));
      });
    });
  }

  it('the practice opens with the old or the new key, whole, and every backup restores', async () => {
    const clock = fakeClock('2026-11-20T11:00:00Z');
    const states: string[] = [];
    let changes = 0;
    // Kills at fixed delays after sign-in, and twice in the middle of the re-key itself.
    const delays = [5, 80, 150, 220, 300, 400, 550, 800, 1200, 'mid-rekey', 'mid-rekey'] as const;
    for (const [run, delay] of delays.entries()) {
      const folder = join(scratch.path, `run-${run}`);
      cpSync(template, folder, { recursive: true });
      const out = await runChild(folder, delay);
      if (process.env.HK_DEBUG) console.error(delay, out);
      // The codes the child was shown, the changes it finished, the backups it made after each.
      const shown = new Map([...out.matchAll(/\|R(\d+):([^|]+)\|/g)].map((m) => [m[1], m[2]]));
      const done = [...out.matchAll(/\|D(\d+)\|/g)].map((m) => m[1] as string);
      const backups = [...out.matchAll(/\|B(\d+):([^|]+)\|/g)].map((m) => ({
        code: shown.get(m[1] as string) as string,
        fileName: m[2] as string,
      }));
      changes += done.length;
      const finished = done.length ? (shown.get(done.at(-1) as string) as string) : firstCode;
      const lastShown = [...shown.keys()].at(-1);
      const pending = lastShown && !done.includes(lastShown) ? shown.get(lastShown) : undefined;

      // The key file holds the code of the last finished change, or the one being set (with
      // the key it replaces beside it, which the last finished code opens).
      const file = await readSlotFile(join(folder, SLOT_FILE));
      const current = (await codeOpensFile(folder, finished)) ? finished : pending;
      expect(current, `no recovery code opens the key file after ${out}`).toBeDefined();
      expect(await codeOpensFile(folder, current as string), out).toBe(true);
      if (file.previous) {
        expect(current, out).toBe(pending);
        const old = await recoverDataKey({ ...file, recovery: file.previous.recovery }, finished);
        expect(old && keyIdOf(old), out).toBe(file.previous.keyId);
      }
      states.push(file.previous ? 'mid-change' : current === finished ? 'finished' : 'pending');

      const core = await openTestCore(folder, clock);
      try {
        expect((await call(core, 'auth.status', {})).phase, out).toBe('signed-out');
        const signedIn = await call(core, 'auth.signIn', {
          username: OWNER.username,
          password: OWNER.password,
        });
        expect(signedIn.phase, out).toBe('active');
        expect(await tableCounts(core.db), out).toEqual(counts);
        const [check] = (await core.db.raw('PRAGMA integrity_check')) as {
          integrity_check: string;
        }[];
        expect(check?.integrity_check, out).toBe('ok');
        // Opening finished a change that stopped half-way: one key, one code again.
        const after = await readSlotFile(join(folder, SLOT_FILE));
        expect(after.previous, out).toBeNull();
        expect(await codeOpensFile(folder, current as string), out).toBe(true);

        // Backups restore with the recovery code of their time: the one made before any
        // change, and the last one the child made.
        for (const b of [{ code: firstCode, fileName: firstBackup }, ...backups.slice(-1)]) {
          const preview = await call(core, 'backups.previewRestore', {
            source: { fileName: b.fileName },
            recoveryCode: b.code,
          });
          expect(preview.summary.counts.hourEntries, `${b.fileName} after ${out}`).toBe(
            counts.hour_entries,
          );
          await call(core, 'backups.cancelRestore', {});
        }
        if (run === delays.length - 1) {
          // Once, the whole way: the backup from before every change replaces the practice.
          const preview = await call(core, 'backups.previewRestore', {
            source: { fileName: firstBackup },
            recoveryCode: firstCode,
          });
          await call(core, 'backups.restore', { token: preview.token, password: OWNER.password });
          expect(await tableCounts(core.db)).toEqual(counts);
        }

        // The recovery code the key file holds opens the practice through the app.
        await call(core, 'auth.signOut', {});
        const reset = await call(core, 'auth.resetWithRecoveryCode', {
          code: current as string,
          username: OWNER.username,
          newPassword: 'owner password after reset',
        });
        expect(reset.phase, out).toBe('active');
      } finally {
        await core.close();
      }
      // The database is under the key the file holds now, and no half-written file is left.
      const file2 = await readSlotFile(join(folder, SLOT_FILE));
      const key = await recoverDataKey(file2, current as string);
      expect(key).not.toBeNull();
      const db = await openDatabaseChecked(join(folder, DATABASE_FILE), {
        key: deriveKey(key as Buffer, 'database'),
        readOnly: true,
      });
      await db.destroy();
      expect(readdirSync(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
    }
    const summary = `states ${states.join(',')}; ${changes} changes finished`;
    if (process.env.HK_DEBUG) console.error(summary);
    // The kills landed while the child worked: changes finished, and some kills hit one
    // half-way (the key file already naming the new key beside the old).
    expect(changes, summary).toBeGreaterThan(0);
    expect(states, summary).toContain('mid-change');
    // A kill inside the re-key always finds the key file naming both keys.
    expect(states.slice(-2), summary).toEqual(['mid-change', 'mid-change']);
  }, 300_000);
});
