import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../main/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import genericPack from '../../main/domain/packs/generic.json';
import { call } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

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
  'auth.resetWithRecoveryCode': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'allow',
  },
  'keys.prepareRotation': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'keys.rotate': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
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
  'signatures.verifyFile': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'backups.list': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'backups.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'backups.verify': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'backups.setFolder': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'backups.previewRestore': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'backups.restore': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'backups.cancelRestore': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  // Public, but the handler answers `conflict` once the practice is set up.
  'setup.previewBackup': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'allow',
  },
  'setup.restoreBackup': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'allow',
  },
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
  'weeks.get': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'weeks.list': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'weeks.queue': { owner: 'allow', supervisor: 'allow', worker: 'deny', signedOut: 'deny' },
  // Workers submit and reopen their own weeks (the owner on their behalf); only supervisors sign.
  'weeks.submit': { owner: 'allow', supervisor: 'deny', worker: 'own', signedOut: 'deny' },
  'weeks.return': { owner: 'allow', supervisor: 'own', worker: 'deny', signedOut: 'deny' },
  'weeks.approve': { owner: 'deny', supervisor: 'own', worker: 'deny', signedOut: 'deny' },
  'weeks.startAmendment': { owner: 'allow', supervisor: 'deny', worker: 'own', signedOut: 'deny' },
  'sessions.list': { owner: 'allow', supervisor: 'allow', worker: 'deny', signedOut: 'deny' },
  'sessions.create': { owner: 'allow', supervisor: 'own', worker: 'deny', signedOut: 'deny' },
  'sessions.update': { owner: 'allow', supervisor: 'own', worker: 'deny', signedOut: 'deny' },
  'sessions.delete': { owner: 'allow', supervisor: 'own', worker: 'deny', signedOut: 'deny' },
  'packs.list': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'packs.get': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'packs.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'packs.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'packs.delete': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'workers.setPack': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'progress.worker': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'progress.overview': { owner: 'allow', supervisor: 'allow', worker: 'deny', signedOut: 'deny' },
  // CE names a worker or a supervisor; the samples name workers (tests/integration/ce.test.ts
  // covers supervisor records). Cycles are set up by the owner only.
  'ce.list': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.create': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.update': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.delete': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.certificate': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.cycles.list': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.cycles.save': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'ce.cycles.delete': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'ce.status': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'ce.overview': { owner: 'allow', supervisor: 'allow', worker: 'deny', signedOut: 'deny' },
  'reports.weeklyLog': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'reports.experienceSummary': {
    owner: 'allow',
    supervisor: 'own',
    worker: 'own',
    signedOut: 'deny',
  },
  'csv.exportHours': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  // The import's scope is checked per row in the service: a row naming another worker refuses the file.
  'csv.previewImport': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'csv.importHours': { owner: 'allow', supervisor: 'own', worker: 'own', signedOut: 'deny' },
  'privacy.myRecord': { owner: 'deny', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'privacy.exportRecord': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  // Only the person's own: a supervisor does not see a supervisee's disclosures.
  'privacy.disclosures.list': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'own',
    signedOut: 'deny',
  },
  'privacy.disclosures.yearly': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  // People file requests about themselves; the owner registers and decides (a supervisor decides
  // week corrections of supervisees: tests/integration/privacy-requests.test.ts covers scope).
  'privacy.requests.mine': {
    owner: 'deny',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'privacy.requests.file': {
    owner: 'deny',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'privacy.requests.register': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.requests.list': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.requests.decide': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.requests.yearly': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.requests.yearlyFile': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  // Deletion under the retention rules and the rules themselves: the owner only.
  'privacy.deletion.plan': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.deletion.execute': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.deletion.scheduled': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.deletion.runDue': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.retention.list': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.retention.update': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  // Privacy notice and consents: everyone reads and acknowledges the notice; a person sets their
  // own consents, the owner anyone's (a supervisor never for a supervisee: the service refuses).
  'privacy.notice.status': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'privacy.notice.acknowledge': {
    owner: 'allow',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'privacy.notice.versions': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.notice.acknowledgements': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.notice.publish': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.consents.mine': {
    owner: 'deny',
    supervisor: 'allow',
    worker: 'allow',
    signedOut: 'deny',
  },
  'privacy.consents.person': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.consents.list': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  'privacy.consents.set': { owner: 'allow', supervisor: 'deny', worker: 'own', signedOut: 'deny' },
  'privacy.policy.get': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'privacy.policy.update': {
    owner: 'allow',
    supervisor: 'deny',
    worker: 'deny',
    signedOut: 'deny',
  },
  // Aggregates with small groups hidden describe no one, so every role may read them.
  'stats.practice': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'stats.exportCsv': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'surveys.list': { owner: 'allow', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'surveys.create': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'surveys.update': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'surveys.delete': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'surveys.open': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  'surveys.close': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
  // The owner runs surveys and does not answer them; people answer their own.
  'surveys.answer': { owner: 'deny', supervisor: 'allow', worker: 'allow', signedOut: 'deny' },
  'surveys.results': { owner: 'allow', supervisor: 'deny', worker: 'deny', signedOut: 'deny' },
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
  /** Supervision sessions for each worker (run by each one's supervisor) and a custom pack. */
  let progressIds: { supOther: number; sessionMine: number; sessionOther: number; pack: string };
  /** CE records per worker: one to edit and download (it has a certificate), one to delete. */
  let ceIds: { mine: number; other: number; delMine: number; delOther: number };
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
    const session = (workerId: number, supervisorId: number) =>
      call(core, 'sessions.create', {
        supervisorId,
        siteId: site,
        date: '2026-11-10',
        kind: 'individual',
        minutes: 60,
        workerIds: [workerId],
      });
    progressIds = {
      supOther,
      sessionMine: (await session(mine, supMine)).id,
      sessionOther: (await session(other, supOther)).id,
      pack: (await call(core, 'packs.create', { pack: { ...genericPack, id: 'matrix-pack' } })).id,
    };
    const ce = async (personId: number) =>
      (
        await call(core, 'ce.create', {
          personType: 'worker',
          personId,
          title: 'Law and ethics update',
          provider: 'CAMFT',
          date: '2026-10-01',
          minutes: 180,
          category: 'law_ethics',
          certificate: { name: 'c.pdf', mimeType: 'application/pdf', base64: 'JVBERi0xLjQK' },
        })
      ).id;
    ceIds = {
      mine: await ce(mine),
      other: await ce(other),
      delMine: await ce(mine),
      delOther: await ce(other),
    };
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

  /** One row of hours for the worker, under the supervisor of the caller's own worker. */
  const importCsv = (workerId: number) =>
    `date,worker_id,site,supervisor_email,category,minutes\n2026-11-03,${workerId},Main,mine@x.org,nonclinical,5\n`;

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
    const toBbs = { recipient: 'California BBS', purpose: 'Licensure application' };
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
      'auth.resetWithRecoveryCode': {
        code: 'WRONG-CODE',
        username: 'owner',
        newPassword: 'a new owner password',
      },
      'keys.prepareRotation': {},
      'keys.rotate': { recoveryCodeCheck: 'AAAAA-AAAAA', password: 'not the password' },
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
      'signatures.verifyFile': { name: 'x.json', base64: 'e30=' },
      'backups.list': {},
      'backups.create': {},
      'backups.verify': { fileName: 'missing.hkbackup' },
      'backups.setFolder': { folder: null },
      'backups.previewRestore': { source: { fileName: 'missing.hkbackup' } },
      // The right password, so no failure counts; the unknown token is then refused.
      'backups.restore': { token: '0'.repeat(32), password: 'owner password 1' },
      'backups.cancelRestore': {},
      'setup.previewBackup': { upload: { name: 'b.hkbackup', base64: 'AAAA' }, recoveryCode: 'X' },
      'setup.restoreBackup': { token: '0'.repeat(32) },
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
      'weeks.get': { workerId, weekStart: '2026-11-16' },
      'weeks.list': { workerId },
      'weeks.queue': {},
      'weeks.submit': { workerId, weekStart: '2026-11-16' },
      'weeks.return': { workerId, weekStart: '2026-11-16', comment: 'Please fix Tuesday' },
      'weeks.approve': { workerId, weekStart: '2026-11-16', password: 'owner password 1' },
      'weeks.startAmendment': { workerId, weekStart: '2026-11-16', reason: 'Wrong site' },
      'sessions.list': {},
      'sessions.create': {
        supervisorId: target === 'mine' ? ids.supMine : progressIds.supOther,
        siteId: ids.site,
        date: '2026-11-11',
        kind: 'individual',
        minutes: 30,
        workerIds: [workerId],
      },
      'sessions.update': {
        id: target === 'mine' ? progressIds.sessionMine : progressIds.sessionOther,
        supervisorId: target === 'mine' ? ids.supMine : progressIds.supOther,
        siteId: ids.site,
        date: '2026-11-10',
        kind: 'individual',
        minutes: 45,
        workerIds: [workerId],
      },
      'sessions.delete': {
        id: target === 'mine' ? progressIds.sessionMine : progressIds.sessionOther,
      },
      'packs.list': {},
      'packs.get': { id: 'ca-bbs-lmft' },
      'packs.create': {
        pack: { ...genericPack, id: `p-${Math.random().toString(36).slice(2, 8)}` },
      },
      'packs.update': { id: progressIds.pack, pack: { ...genericPack, id: progressIds.pack } },
      'packs.delete': { id: 'no-such-pack' },
      'workers.setPack': { workerId, packId: 'ca-bbs-lmft' },
      'progress.worker': { workerId },
      'progress.overview': {},
      'ce.list': { personType: 'worker', personId: workerId },
      'ce.create': {
        personType: 'worker',
        personId: workerId,
        title: 'Trauma-informed care',
        provider: 'PESI',
        date: '2026-11-02',
        minutes: 360,
        category: 'general',
      },
      'ce.update': {
        id: target === 'mine' ? ceIds.mine : ceIds.other,
        title: 'Law and ethics update',
        provider: 'CAMFT',
        date: '2026-10-01',
        minutes: 240,
        category: 'law_ethics',
      },
      'ce.delete': { id: target === 'mine' ? ceIds.delMine : ceIds.delOther },
      'ce.certificate': { id: target === 'mine' ? ceIds.mine : ceIds.other, ...toBbs },
      'ce.cycles.list': { personType: 'worker', personId: workerId },
      'ce.cycles.save': {
        personType: 'worker',
        personId: workerId,
        preset: 'ca-associate',
        startDate: '2026-07-01',
        endDate: '2027-06-30',
      },
      'ce.cycles.delete': { id: 999 },
      'ce.status': { personType: 'worker', personId: workerId },
      'ce.overview': {},
      'reports.weeklyLog': { workerId, weekStart: '2026-11-16', ...toBbs },
      'reports.experienceSummary': { workerId, ...toBbs },
      'csv.exportHours': { workerId, from: '2026-11-01', to: '2026-11-30', ...toBbs },
      'csv.previewImport': { csv: importCsv(workerId) },
      'csv.importHours': { csv: importCsv(workerId) },
      'privacy.myRecord': {},
      'privacy.exportRecord': {
        personType: 'worker',
        personId: workerId,
        format: 'json',
        ...toBbs,
      },
      'privacy.disclosures.list': { personType: 'worker', personId: workerId },
      'privacy.disclosures.yearly': { year: 2026, format: 'csv' },
      'privacy.requests.mine': {},
      'privacy.requests.file': { kind: 'access', note: 'Role matrix' },
      'privacy.requests.register': {
        kind: 'access',
        personType: 'worker',
        personId: workerId,
        receivedOn: '2026-11-19',
        identityMethod: 'Email from the address on file',
      },
      'privacy.requests.list': {},
      'privacy.requests.decide': { id: 999, decision: 'decline', reason: 'Role matrix' },
      'privacy.requests.yearly': { year: 2026 },
      'privacy.requests.yearlyFile': { year: 2026, format: 'csv' },
      // A person that does not exist: the owner's call gets through and answers not_found.
      'privacy.deletion.plan': { personType: 'worker', personId: 999 },
      'privacy.deletion.execute': {
        personType: 'worker',
        personId: 999,
        password: 'owner password 1',
      },
      'privacy.deletion.scheduled': {},
      'privacy.deletion.runDue': {},
      'privacy.retention.list': {},
      'privacy.retention.update': {
        id: 999,
        label: 'Matrix',
        description: 'Role matrix',
        years: 7,
        active: true,
      },
      'privacy.notice.status': {},
      'privacy.notice.acknowledge': { noticeId: 1 },
      'privacy.notice.versions': {},
      'privacy.notice.acknowledgements': {},
      'privacy.notice.publish': {
        version: 'matrix',
        publishedOn: '2026-11-20',
        body: 'A role-matrix notice body, long enough.',
      },
      'privacy.consents.mine': {},
      'privacy.consents.person': { personType: 'worker', personId: workerId },
      'privacy.consents.list': {},
      'privacy.consents.set': {
        personType: 'worker',
        personId: workerId,
        purpose: 'statistics',
        granted: true,
      },
      'privacy.policy.get': {},
      'privacy.policy.update': { sensitiveTextPolicy: 'warn' },
      'stats.practice': { year: 2026 },
      'stats.exportCsv': {},
      'surveys.list': {},
      'surveys.create': { title: 'Role matrix', questions: [{ kind: 'rating', text: 'How?' }] },
      'surveys.update': {
        id: 999,
        title: 'Role matrix',
        questions: [{ kind: 'rating', text: 'How?' }],
      },
      'surveys.delete': { id: 999 },
      'surveys.open': { id: 999 },
      'surveys.close': { id: 999 },
      'surveys.answer': { id: 999, answers: [3] },
      'surveys.results': { id: 999 },
    };
    return inputs[name];
  }

  async function callAs(caller: Caller, name: ApiName, input: unknown) {
    // Every password check is throttled (1 s after a wrong one), so each case starts later.
    clock.advance(2_000);
    // A lock or sign-out in an earlier case closed the database: open it again as the owner.
    if (!core.isOpen()) await core.gate.signIn(OWNER.username, OWNER.password);
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
