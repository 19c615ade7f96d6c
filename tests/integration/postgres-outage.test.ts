import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { openPostgres, type PgLocation } from '../../main/db/postgres.js';
import {
  storeServerPassword,
  writeDatabaseLocation,
} from '../../main/platform/database-location.js';
import { confBackend } from '../../main/platform/settings.js';
import { call, seedPracticeWithAnHour } from '../support/seed.js';
import {
  completeSetup,
  fakeClock,
  openTestCore,
  tempFolder,
  testSecretStore,
} from '../support/temp-core.js';

const SERVER_SH = resolve(import.meta.dirname, '../pg/server.sh');
/** A port of its own (the suite's server is on 55432): this test stops its server. */
const PORT = 55500 + Math.floor(Math.random() * 90);

/**
 * The practice's server going away mid-session (issue 21), with a real PostgreSQL cluster of the
 * test's own that it stops and starts again: every call answers `unavailable` with a message
 * saying what to do (never `internal`), nothing half-written survives, and the same core works
 * again once the server is back, without a restart.
 */
describe.skipIf(!process.env.HOURKEEP_PG_HOST)('the database server going away', () => {
  // The postgres OS user runs the cluster, so its folder is under /tmp, not the run's TMPDIR.
  const serverDir = mkdtempSync('/tmp/hourkeep-outage-');
  const folder = tempFolder();
  const clock = fakeClock('2026-11-20T10:00:00');
  const server = (cmd: 'start' | 'stop' | 'resume') =>
    execFileSync('bash', [SERVER_SH, cmd, serverDir], {
      env: { ...process.env, HOURKEEP_PG_PORT: String(PORT) },
      stdio: 'pipe',
    });
  let core: Core;
  let ids: Awaited<ReturnType<typeof seedPracticeWithAnHour>>;

  beforeAll(async () => {
    server('start');
    const env = Object.fromEntries(
      readFileSync(join(serverDir, 'env'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    const root: PgLocation = {
      host: '127.0.0.1',
      port: PORT,
      database: 'postgres',
      user: env.HOURKEEP_PG_USER ?? 'hk',
      caFile: env.HOURKEEP_PG_CA ?? null,
    };
    const admin = openPostgres(root, env.HOURKEEP_PG_PASSWORD ?? '');
    try {
      await admin.raw(`CREATE ROLE hk_outage LOGIN PASSWORD 'outage password'`);
      await admin.raw('CREATE DATABASE hk_outage OWNER hk_outage');
    } finally {
      await admin.destroy();
    }
    const location = { ...root, database: 'hk_outage', user: 'hk_outage' };
    await storeServerPassword(testSecretStore(), location, 'outage password');
    writeDatabaseLocation(confBackend(folder.path), { kind: 'postgres', ...location });
    core = await openTestCore(folder.path, clock);
    await completeSetup(core);
    ids = await seedPracticeWithAnHour(core);
  }, 60_000);

  afterAll(async () => {
    await core?.close().catch(() => undefined);
    try {
      server('stop');
    } catch {
      // already stopped by a failed test
    }
    rmSync(serverDir, { recursive: true, force: true });
    folder.remove();
  });

  const week = () =>
    core.invoke('hours.week', { workerId: ids.worker.id, weekStart: '2026-11-16' });
  const add = (minutes: number) =>
    core.invoke('hours.add', {
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date: '2026-11-18',
      category: 'direct_individual',
      minutes,
    });

  it('answers unavailable while the server is down, and works again once it is back', async () => {
    const before = await week();
    expect(before.ok).toBe(true);
    server('stop');

    for (const res of [await week(), await add(45), await core.invoke('workers.list', {})]) {
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      expect(res.error.code).toBe('unavailable');
      expect(res.error.message).toMatch(/database server cannot be reached.*nothing was changed/);
    }

    server('resume');
    const after = await week();
    expect(after).toEqual(before);
    const added = await add(30);
    expect(added.ok).toBe(true);
    const entries = (
      await call(core, 'hours.week', {
        workerId: ids.worker.id,
        weekStart: '2026-11-16',
      })
    ).entries;
    // The 45 minutes sent while the server was down were not written; the 30 were, once.
    expect(entries.map((e) => e.minutes).sort((a, b) => a - b)).toEqual([30, 90]);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  }, 60_000);
});
