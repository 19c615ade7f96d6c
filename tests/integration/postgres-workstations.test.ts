import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core.js';
import { lockWorkerHours, rawRows } from '../../main/db/dialect/index.js';
import type { AppEvent } from '../../shared/api/bridge.js';
import {
  buildChildScript,
  childCoreArgs,
  childSignedIn,
  runChildKilled,
} from '../support/crash-child.js';
import { placeOnTestServer } from '../support/pg-test-server.js';
import {
  readDatabaseLocation,
  readServerPassword,
  serverPasswordAccount,
} from '../../main/platform/database-location.js';
import { confBackend } from '../../main/platform/settings.js';
import type { ServerForm } from '../../shared/domain/database.js';
import type { ApiInput } from '../../shared/api/contract.js';
import { call, newWorker, seedPractice } from '../support/seed.js';
import {
  completeSetup,
  fakeClock,
  openTempCore,
  openTestCore,
  OWNER,
  tempFolder,
  testSecretStore,
} from '../support/temp-core.js';

/** How long the writing processes race, and how many there are. */
const RACE_MS = 8000;
const WORKSTATIONS = 3;

/**
 * Several workstations on one practice server (issue 21). Each workstation is its own data
 * folder (its key file, settings and session) and, in the race, its own Node process with its
 * own connections; each joins the practice once with the recovery code, as an owner would.
 */
describe.skipIf(!process.env.HOURKEEP_PG_HOST)('several workstations on one server', () => {
  const clock = fakeClock('2026-11-20T10:00:00');
  const folders: { path: string; remove(): void }[] = [];
  const cores: Core[] = [];
  let ids: Awaited<ReturnType<typeof seedPractice>>;

  let recoveryCode = '';
  /** The server the first workstation's practice is on, as its owner would type it. */
  const serverForm = async (): Promise<ServerForm> => {
    const at = readDatabaseLocation(confBackend(folders[0]?.path ?? ''));
    if (at.kind !== 'postgres') throw new Error('the first workstation is not on the server');
    const password = await readServerPassword(testSecretStore(), at);
    const { host, port, database, user, caFile } = at;
    return { host, port, database, user, caFile, password: password ?? '' };
  };

  /** A new workstation's folder, joined to the practice with the recovery code (not signed in). */
  async function joined(): Promise<{ path: string; core: Core }> {
    const folder = tempFolder();
    folders.push(folder);
    const core = await openTestCore(folder.path, clock, { onFile: true });
    cores.push(core);
    await call(core, 'database.join', { server: await serverForm(), recoveryCode });
    return { path: folder.path, core };
  }

  /** Another workstation of the same practice, joined and signed in as the owner. */
  async function workstation(): Promise<Core> {
    const { core } = await joined();
    await call(core, 'auth.signIn', { username: OWNER.username, password: OWNER.password });
    return core;
  }

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00');
    const first = tempFolder();
    folders.push(first);
    await placeOnTestServer(first.path, testSecretStore());
    const core = await openTestCore(first.path, clock);
    cores.push(core);
    recoveryCode = await completeSetup(core);
    ids = await seedPractice(core);
  }, 60_000);

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close().catch(() => undefined);
    for (const folder of folders.splice(0)) folder.remove();
  });

  it('joins a workstation once with the recovery code; people sign in there with their passwords', async () => {
    const first = cores[0] as Core;
    const folder = tempFolder();
    folders.push(folder);
    const fresh = await openTestCore(folder.path, clock, { onFile: true });
    cores.push(fresh);
    const server = await serverForm();
    const refused = async (input: ApiInput<'database.join'>, field: string) => {
      const res = await fresh.invoke('database.join', input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(Object.keys(res.error.fields ?? {}), res.error.message).toContain(field);
    };
    await refused({ server, recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }, 'recoveryCode');
    await refused({ server: { ...server, password: 'wrong' }, recoveryCode }, 'password');
    expect((await call(fresh, 'auth.status', {})).phase).toBe('setup');

    await call(fresh, 'database.join', { server, recoveryCode });
    expect((await call(fresh, 'auth.status', {})).phase).toBe('signed-out');
    await expect(call(fresh, 'database.join', { server, recoveryCode })).rejects.toThrow(
      /already set up/,
    );
    // A person added and a password changed at the first workstation count at the new one.
    await call(first, 'users.create', {
      username: 'frontdesk',
      displayName: 'Front Desk',
      role: 'owner',
      password: 'front desk password 1',
    });
    await call(first, 'account.changePassword', {
      currentPassword: OWNER.password,
      newPassword: 'owner password 2',
    });
    const wrong = await fresh.invoke('auth.signIn', {
      username: OWNER.username,
      password: OWNER.password,
    });
    expect(wrong.ok).toBe(false);
    clock.advance(5000); // past the throttle after a wrong password
    await call(fresh, 'auth.signIn', { username: OWNER.username, password: 'owner password 2' });
    expect(
      (await call(fresh, 'hours.week', { workerId: ids.worker.id, weekStart: '2026-11-16' }))
        .workerId,
    ).toBe(ids.worker.id);
    const joinedRow = await call(fresh, 'audit.list', { action: 'workstation_joined', limit: 5 });
    expect(joinedRow).toHaveLength(1);
    await call(fresh, 'auth.signOut', {});
    await call(fresh, 'auth.signIn', { username: 'frontdesk', password: 'front desk password 1' });

    // The keychain loses the server password (a reset): sign-in asks for it, proves it, goes on.
    await call(fresh, 'auth.signOut', {});
    await testSecretStore().delete(serverPasswordAccount(server));
    const asked = await fresh.invoke('auth.signIn', {
      username: OWNER.username,
      password: 'owner password 2',
    });
    expect(asked.ok).toBe(false);
    if (!asked.ok) expect(asked.error.fields?.serverPassword).toMatch(/keychain no longer holds/);
    const wrongServer = await fresh.invoke('database.serverPassword', { serverPassword: 'nope' });
    expect(wrongServer.ok).toBe(false);
    if (!wrongServer.ok) expect(wrongServer.error.fields?.serverPassword).toBeTruthy();
    await call(fresh, 'database.serverPassword', { serverPassword: server.password });
    await call(fresh, 'auth.signIn', { username: OWNER.username, password: 'owner password 2' });
  }, 60_000);

  it("refreshes a workstation's screens when another changes what they show", async () => {
    const [a, b] = [await workstation(), await workstation()];
    const seen: string[][] = [];
    b.onEvent((e: AppEvent) => {
      if (e.type === 'changed') seen.push(e.tables);
    });
    await call(a, 'hours.add', {
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date: '2026-11-18',
      category: 'direct_individual',
      minutes: 75,
    });
    await expect.poll(() => seen.flat(), { timeout: 15_000 }).toContain('hour_entries');
    const week = await call(b, 'hours.week', { workerId: ids.worker.id, weekStart: '2026-11-16' });
    expect(week.entries.map((e) => e.minutes)).toEqual([75]);
  }, 30_000);

  it("a restore at one workstation leaves the others' audit checks whole, and they hear it", async () => {
    const [a, b] = [await workstation(), await workstation()];
    const backup = await call(a, 'backups.create', {});
    clock.advance(60_000);
    await call(a, 'sites.create', { name: 'Uptown Clinic', address: '1 Hill Rd' });
    // B has checked and anchored the trail as it is now, longer than the backup's.
    expect(await call(b, 'audit.verify', {})).toMatchObject({ intact: true });
    await call(b, 'backups.create', {});
    const heard: string[][] = [];
    b.onEvent((e: AppEvent) => {
      if (e.type === 'changed') heard.push(e.tables);
    });

    clock.advance(60_000);
    const preview = await call(a, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    await call(a, 'backups.restore', { token: preview.token, password: OWNER.password });
    await expect.poll(() => heard.flat(), { timeout: 15_000 }).toContain('sites');
    expect((await call(b, 'sites.list', {})).map((site) => site.name)).not.toContain(
      'Uptown Clinic',
    );
    // B's checkpoint and anchor are of the trail the restore replaced; its restore row says so,
    // and B's next check renews them.
    expect(await call(b, 'audit.verify', {})).toMatchObject({ intact: true });
    await call(b, 'sites.create', { name: 'Harbour Clinic', address: '2 Quay St' });
    expect(await call(a, 'audit.verify', {})).toMatchObject({ intact: true });
    expect(await call(b, 'audit.verify', {})).toMatchObject({ intact: true });
  }, 60_000);

  it("two workstations saving one worker's day at once never make it longer than 24 hours", async () => {
    const [a, b] = [await workstation(), await workstation()];
    const entry = (date: string) => ({
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date,
      category: 'direct_individual' as const,
      minutes: 13 * 60,
    });
    // 13 h each, saved at the same moment at two workstations: only one fits in the day.
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      const [one, two] = await Promise.all([
        a.invoke('hours.add', entry(date)),
        b.invoke('hours.add', entry(date)),
      ]);
      expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
      const refused = one.ok ? two : one;
      expect(!refused.ok && refused.error.fields?.minutes).toMatch(/a day holds 24 h/);
    }
    const week = await call(a, 'hours.week', { workerId: ids.worker.id, weekStart: '2026-11-16' });
    expect(week.entries.map((e) => e.minutes)).toEqual([780, 780, 780, 780]);
  }, 60_000);

  it('an hour saved at one workstation while another submits the week lands before it or is refused', async () => {
    const [a, b] = [await workstation(), await workstation()];
    const entry = (date: string, minutes: number) => ({
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date,
      category: 'direct_individual' as const,
      minutes,
    });
    // Twelve weeks from 24 August, each raced once.
    const weeks = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.UTC(2026, 7, 24 + 7 * i)).toISOString().slice(0, 10),
    );
    for (const weekStart of weeks) {
      await call(a, 'hours.add', entry(weekStart, 60));
      const [added, submitted] = await Promise.all([
        a.invoke('hours.add', entry(weekStart, 45)),
        b.invoke('weeks.submit', { workerId: ids.worker.id, weekStart }),
      ]);
      expect(submitted.ok).toBe(true);
      if (!added.ok) continue; // the submit came first: the week was no longer open
      // Both went through: the save must have come first, so the submitted week holds it.
      const rows = (await a
        .db('audit_log')
        .whereIn('action', ['create', 'submit'])
        .whereIn('entity', ['hour_entries', 'weekly_logs'])
        .orderBy('id', 'desc')
        .limit(2)
        .select('action')) as { action: string }[];
      expect(rows.map((r) => r.action)).toEqual(['submit', 'create']);
    }
  }, 60_000);

  it('writes from several processes at once: every acknowledged write is there, the chain whole', async () => {
    const owner = await workstation();
    const workers = [ids.worker.id];
    for (const name of ['Ana', 'Ben']) {
      const w = await call(owner, 'workers.create', newWorker(name, 'Race', '2026-01-05'));
      await call(owner, 'assignments.create', {
        workerId: w.id,
        supervisorId: ids.supervisor.id,
        siteId: ids.site.id,
        startDate: '2026-01-05',
      });
      workers.push(w.id);
    }

    const script = await buildChildScript(
      'workstation-race',
      `${childSignedIn()}
      const [ms, workerList, siteId, supervisorId, seed] = extra;
      const workerIds = JSON.parse(workerList);
      const end = Date.now() + Number(ms);
      const start = Date.UTC(2026, 0, 5);
      for (let i = Number(seed); Date.now() < end; i += 7) {
        const date = new Date(start + (i % 300) * 86400000).toISOString().slice(0, 10);
        const res = await core.invoke('hours.add', {
          workerId: workerIds[i % workerIds.length],
          siteId: Number(siteId),
          supervisorId: Number(supervisorId),
          date,
          category: 'direct_individual',
          minutes: 1 + (i % 5),
        });
        process.stdout.write('\\n' + JSON.stringify(res.ok ? { ack: res.value.id, minutes: res.value.minutes } : { refused: res.error }));
      }
      await core.close();`,
    );
    const folderPaths: string[] = [];
    for (let n = 0; n < WORKSTATIONS; n++) {
      const { path, core } = await joined();
      await core.close();
      folderPaths.push(path);
    }
    for (const core of cores.splice(0)) await core.close();
    const outputs = await Promise.all(
      folderPaths.map((path, n) =>
        runChildKilled(
          script,
          [
            ...childCoreArgs(path),
            String(RACE_MS),
            JSON.stringify(workers),
            String(ids.site.id),
            String(ids.supervisor.id),
            String(n),
          ],
          { killAfterMs: null, exitOk: true },
        ),
      ),
    );
    const lines = outputs.flatMap((o) =>
      o
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { ack?: number; minutes?: number; refused?: unknown }),
    );
    const acks = lines.filter((l) => l.ack !== undefined);
    const refused = lines.filter((l) => l.refused !== undefined);
    // Each process wrote steadily: together far more than one workstation's worth.
    expect(acks.length).toBeGreaterThan(WORKSTATIONS * 20);
    expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);

    const check = await workstation();
    const db = check.db;
    const entries = await rawRows<{ id: number; minutes: number }>(
      db,
      'SELECT id, minutes FROM hour_entries',
    );
    const stored = new Map(entries.map((e) => [e.id, e.minutes]));
    expect(stored.size).toBe(acks.length);
    for (const a of acks) expect(stored.get(a.ack ?? 0)).toBe(a.minutes);
    // The rollups the triggers kept under the race equal the entries they sum.
    const [sums] = await rawRows<{ entries: number; rollups: number }>(
      db,
      `SELECT (SELECT COALESCE(SUM(minutes), 0) FROM hour_entries) AS entries,
              (SELECT COALESCE(SUM(minutes), 0) FROM hour_rollups) AS rollups`,
    );
    expect(sums?.rollups).toBe(sums?.entries);
    // One audit row per acknowledged save, all in one unbroken chain.
    const [audited] = await rawRows<{ n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'create' AND entity = 'hour_entries'`,
    );
    expect(audited?.n).toBe(acks.length);
    const verdict = await call(check, 'audit.verify', {});
    expect(verdict.intact).toBe(true);
  }, 120_000);
});

/**
 * Practices that share one server database, a schema each (every test practice does), keep
 * their locks apart: PostgreSQL's advisory locks belong to the database, so a key without the
 * practice's schema made one practice's audit appends wait for another's open transaction.
 */
describe.skipIf(!process.env.HOURKEEP_PG_HOST)('two practices in one server database', () => {
  const clock = fakeClock('2026-11-20T10:00:00');

  it("one practice's open transaction holds neither the other's audit chain nor its hours", async () => {
    const a = await openTempCore(clock, { onServer: true });
    const b = await openTempCore(clock, { onServer: true });
    try {
      const aIds = await seedPractice(a);
      const bIds = await seedPractice(b);
      expect(aIds.worker.id).toBe(bIds.worker.id); // the same worker id in each schema
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => {
        release = r;
      });
      // Practice A appends to its chain and takes its worker's hours, then holds on.
      let holding = false;
      const open = a.db.transaction(async (trx) => {
        await lockWorkerHours(trx, [aIds.worker.id]);
        await a.services.audit.append(trx, { action: 'view', entity: 'workers', detail: 'held' });
        holding = true;
        await held;
      });
      await vi.waitFor(() => expect(holding).toBe(true));
      // Practice B logs an hour for its worker of the same id meanwhile: it finishes while A
      // still holds (it would otherwise wait for the release below, never coming first).
      const logged = call(b, 'hours.add', {
        workerId: bIds.worker.id,
        siteId: bIds.site.id,
        supervisorId: bIds.supervisor.id,
        date: '2026-11-16',
        category: 'direct_individual',
        minutes: 60,
      }).then(() => 'logged' as const);
      const waited = new Promise<'waited'>((r) => setTimeout(() => r('waited'), 10_000));
      const first = await Promise.race([logged, waited]);
      release();
      await open;
      await logged;
      expect(first).toBe('logged');
      expect(await call(b, 'audit.verify', {})).toMatchObject({ intact: true });
    } finally {
      await a.dispose();
      await b.dispose();
    }
  }, 60_000);
});
