import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../main/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import { call } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * Every API name × every role (and a signed-out caller), against the real dispatch. The
 * expectations are written out by hand, not derived from the contract, so a change to who may
 * call what shows up here as a failing row.
 *
 *   allow  — the call is let through (whatever the handler then answers, it is not refused)
 *   deny   — forbidden
 *   own    — allowed on the caller's own / supervisee's worker, forbidden on another worker
 */
type Rule = 'allow' | 'deny' | 'own';
type Caller = 'owner' | 'supervisor' | 'worker' | 'signedOut';

const MATRIX: Record<ApiName, Record<Caller, Rule>> = {
  'auth.status': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'allow' },
  'setup.prepare': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'allow' },
  'setup.complete': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'allow' },
  'auth.signIn': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'allow' },
  'auth.recover': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'allow' },
  'auth.unlock': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'auth.signOut': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'lock.now': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'lock.activity': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'account.changePassword': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'users.list': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'users.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'users.setDisabled': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'users.resetPassword': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'settings.get': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'settings.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'audit.list': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'audit.verify': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'app.info': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'practice.get': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'practice.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'sites.list': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'sites.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'sites.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'supervisors.list': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'supervisors.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'supervisors.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'workers.list': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'workers.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'workers.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'assignments.list': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'assignments.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'assignments.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'hours.week': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'hours.add': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'hours.update': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'hours.delete': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
};

describe('role matrix: every API name × every caller', () => {
  let core: TempCore;
  let ids: {
    site: number;
    mine: number;
    other: number;
    supMine: number;
    entryMine: number;
    entryOther: number;
    users: Record<Exclude<Caller, 'signedOut'>, SessionUser>;
  };
  const clock = fakeClock('2026-11-20T10:00:00');

  beforeAll(async () => {
    core = await openTempCore(clock);
    const site = (await call(core, 'sites.create', { name: 'Main' })).id;
    const sup = (last: string) =>
      call(core, 'supervisors.create', {
        firstName: 'S',
        lastName: last,
        email: `${last}@x.org`,
        licenseType: 'LMFT',
        licenseNumber: `L${last}`,
        licenseState: 'CA',
        licenseExpires: '2030-01-01',
      });
    const supMine = (await sup('Mine')).id;
    const supOther = (await sup('Other')).id;
    const worker = (last: string) =>
      call(core, 'workers.create', {
        firstName: 'W',
        lastName: last,
        email: `${last}@x.org`,
        startDate: '2026-01-01',
      });
    const mine = (await worker('Mine')).id;
    const other = (await worker('Other')).id;
    await call(core, 'assignments.create', {
      workerId: mine,
      supervisorId: supMine,
      siteId: site,
      startDate: '2026-01-01',
    });
    await call(core, 'assignments.create', {
      workerId: other,
      supervisorId: supOther,
      siteId: site,
      startDate: '2026-01-01',
    });
    const entry = (workerId: number, supervisorId: number) =>
      call(core, 'hours.add', {
        workerId,
        supervisorId,
        siteId: site,
        date: '2026-11-18',
        category: 'direct_individual',
        minutes: 30,
      });
    const entryMine = (await entry(mine, supMine)).id;
    const entryOther = (await entry(other, supOther)).id;
    const user = async (
      username: string,
      role: 'supervisor' | 'worker',
      link: Record<string, number>,
    ) =>
      call(core, 'users.create', {
        username,
        displayName: username,
        role,
        password: 'owner password 1',
        ...link,
      });
    const s = await user('sup', 'supervisor', { supervisorId: supMine });
    const w = await user('wrk', 'worker', { workerId: mine });
    const owner = core.services.session.user();
    if (!owner) throw new Error('openTempCore should sign in the owner');
    ids = {
      site,
      mine,
      other,
      supMine,
      entryMine,
      entryOther,
      users: { owner, supervisor: s, worker: w },
    };
  });
  afterAll(() => core?.dispose());

  /** A valid input per name, aimed at `worker` where the call names one. */
  function sample(name: ApiName, target: 'mine' | 'other'): unknown {
    const workerId = ids[target];
    const entryId = target === 'mine' ? ids.entryMine : ids.entryOther;
    const hour = {
      workerId,
      siteId: ids.site,
      supervisorId: ids.supMine,
      date: '2026-11-17',
      category: 'direct_group',
      minutes: 15,
    };
    const inputs: Record<ApiName, unknown> = {
      'auth.status': {},
      'setup.prepare': {},
      'setup.complete': {
        practiceName: 'P',
        ownerName: 'O',
        username: 'own2',
        password: 'owner password 1',
        recoveryCodeCheck: 'x',
      },
      'auth.signIn': { username: 'wrk', password: 'owner password 1' },
      'auth.recover': { code: 'WRONG-CODE' },
      'auth.unlock': { password: 'owner password 1' },
      'auth.signOut': {},
      'lock.now': {},
      'lock.activity': {},
      'account.changePassword': { currentPassword: 'wrong', newPassword: 'another long pw' },
      'users.list': {},
      'users.create': {
        username: `u${Math.random().toString(36).slice(2, 8)}`,
        displayName: 'U',
        role: 'owner',
        password: 'owner password 1',
      },
      'users.setDisabled': { id: ids.users.worker.id, disabled: false },
      'users.resetPassword': { id: ids.users.worker.id, newPassword: 'owner password 1' },
      'settings.get': {},
      'settings.update': { idleMinutes: 5 },
      'audit.list': { limit: 5 },
      'audit.verify': {},
      'app.info': {},
      'practice.get': {},
      'practice.update': { name: 'P' },
      'sites.list': {},
      'sites.create': { name: 'New site' },
      'sites.update': { id: ids.site, name: 'Main', active: true },
      'supervisors.list': {},
      'supervisors.create': {
        firstName: 'A',
        lastName: 'B',
        email: 'a@b.org',
        licenseType: 'LCSW',
        licenseNumber: 'X1',
        licenseState: 'CA',
        licenseExpires: '2030-01-01',
      },
      'supervisors.update': {
        id: ids.supMine,
        firstName: 'S',
        lastName: 'Mine',
        email: 'mine@x.org',
        licenseType: 'LMFT',
        licenseNumber: 'LMine',
        licenseState: 'CA',
        licenseExpires: '2030-01-01',
        active: true,
      },
      'workers.list': {},
      'workers.create': {
        firstName: 'N',
        lastName: 'W',
        email: 'n@w.org',
        startDate: '2026-01-01',
      },
      'workers.update': {
        id: workerId,
        firstName: 'W',
        lastName: target === 'mine' ? 'Mine' : 'Other',
        email: `${target === 'mine' ? 'Mine' : 'Other'}@x.org`,
        startDate: '2026-01-01',
        active: true,
      },
      'assignments.list': { workerId },
      'assignments.create': {
        workerId,
        supervisorId: ids.supMine,
        siteId: ids.site,
        startDate: '2026-02-01',
        endDate: '2026-02-02',
      },
      'assignments.update': {
        id: 1,
        workerId: ids.mine,
        supervisorId: ids.supMine,
        siteId: ids.site,
        startDate: '2026-01-01',
      },
      'hours.week': { workerId, weekStart: '2026-11-16' },
      'hours.add': hour,
      'hours.update': {
        id: entryId,
        ...hour,
        workerId,
        supervisorId: target === 'mine' ? ids.supMine : ids.supMine + 1,
        minutes: 30,
        date: '2026-11-18',
        category: 'direct_individual',
      },
      'hours.delete': { id: entryId },
    };
    return inputs[name];
  }

  async function callAs(caller: Caller, name: ApiName, input: unknown) {
    const session = core.services.session;
    session.signOut();
    if (caller !== 'signedOut') session.signIn(ids.users[caller]);
    return core.invoke(name, input);
  }

  const cases = API_NAMES.flatMap((name) =>
    (['owner', 'supervisor', 'worker', 'signedOut'] as const).map(
      (caller) => [name, caller] as const,
    ),
  );

  it('covers every API name', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...API_NAMES].sort());
  });

  it.each(cases)('%s as %s', async (name, caller) => {
    const rule = MATRIX[name][caller];
    const mine = await callAs(caller, name, sample(name, 'mine'));
    const refused = (r: typeof mine) => !r.ok && r.error.code === 'forbidden';
    if (rule === 'deny') {
      expect(refused(mine), JSON.stringify(mine)).toBe(true);
      return;
    }
    expect(refused(mine), JSON.stringify(mine)).toBe(false);
    if (rule === 'own') {
      const other = await callAs(caller, name, sample(name, 'other'));
      expect(refused(other), JSON.stringify(other)).toBe(true);
    }
  });

  it('records refused calls in the audit trail', async () => {
    await callAs('worker', 'hours.week', { workerId: ids.other, weekStart: '2026-11-16' });
    await callAs('owner', 'lock.activity', {});
    const [last] = await call(core, 'audit.list', { action: 'forbidden', limit: 1 });
    expect(last?.detail).toContain(`hours.week: worker ${ids.other} is outside`);
  });
});
