import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../shared/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import genericPack from '../../shared/domain/packs/generic.json';
import { uniqueClash } from '../support/refusals.js';
import { call, createAccount, signedInUser } from '../support/seed.js';
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

/** The common rows, spelled out once; each API name below still names its own row. */
const row = (owner: Rule, supervisor: Rule, worker: Rule, signedOut: Rule) => ({
  owner,
  supervisor,
  worker,
  signedOut,
});
const EVERYONE = row('allow', 'allow', 'allow', 'allow');
const SIGNED_IN = row('allow', 'allow', 'allow', 'deny');
const OWNER_ONLY = row('allow', 'deny', 'deny', 'deny');
/** The owner, and a supervisor or worker on their own / supervisee's worker only. */
const SCOPED = row('allow', 'own', 'own', 'deny');
/** The owner, and a supervisor on a supervisee's worker only. */
const SUPERVISING = row('allow', 'own', 'deny', 'deny');
/** The owner, and a worker on their own record only. */
const WORKER_OWN = row('allow', 'deny', 'own', 'deny');
/** The owner and supervisors: the practice's overviews and queues. */
const STAFF = row('allow', 'allow', 'deny', 'deny');
/** People with a record of their own (not the owner). */
const PEOPLE = row('deny', 'allow', 'allow', 'deny');

const NO_SERVER = {
  host: '/nonexistent-hourkeep-socket',
  port: 5432,
  database: 'hourkeep',
  user: 'hourkeep',
  password: 'x',
  caFile: null,
};

const MATRIX: Record<ApiName, Record<Caller, Rule>> = {
  'auth.status': EVERYONE,
  'setup.prepare': EVERYONE,
  'setup.complete': EVERYONE,
  'auth.signIn': EVERYONE,
  'auth.recover': EVERYONE,
  'auth.resetWithRecoveryCode': EVERYONE,
  'keys.prepareRotation': OWNER_ONLY,
  'keys.rotate': OWNER_ONLY,
  'auth.unlock': SIGNED_IN,
  'auth.signOut': SIGNED_IN,
  'lock.now': SIGNED_IN,
  'lock.activity': SIGNED_IN,
  'account.changePassword': SIGNED_IN,
  'users.list': OWNER_ONLY,
  'users.create': OWNER_ONLY,
  'users.setDisabled': OWNER_ONLY,
  'users.resetPassword': OWNER_ONLY,
  'settings.get': SIGNED_IN,
  'settings.update': OWNER_ONLY,
  'audit.list': OWNER_ONLY,
  'audit.verify': OWNER_ONLY,
  'audit.cancelVerify': OWNER_ONLY,
  'signatures.verifyFile': OWNER_ONLY,
  'reviewers.previewEnrolment': OWNER_ONLY,
  'reviewers.enrol': OWNER_ONLY,
  'reviewers.list': OWNER_ONLY,
  'reviewers.revoke': OWNER_ONLY,
  // A worker exports a packet of their own weeks only; supervisors review on their computer.
  'reviews.exportPacket': WORKER_OWN,
  'reviews.previewDecisions': OWNER_ONLY,
  'reviews.importDecisions': OWNER_ONLY,
  'backups.list': OWNER_ONLY,
  'backups.create': OWNER_ONLY,
  'backups.verify': OWNER_ONLY,
  'database.place': OWNER_ONLY,
  'database.test': OWNER_ONLY,
  'database.move': OWNER_ONLY,
  'database.join': EVERYONE,
  'database.serverPassword': EVERYONE,
  'backups.setFolder': OWNER_ONLY,
  'backups.previewRestore': OWNER_ONLY,
  'backups.restore': OWNER_ONLY,
  'backups.cancelRestore': OWNER_ONLY,
  // Public, but the handler answers `conflict` once the practice is set up.
  'setup.previewBackup': EVERYONE,
  'setup.restoreBackup': EVERYONE,
  'app.info': SIGNED_IN,
  'practice.get': SIGNED_IN,
  'practice.update': OWNER_ONLY,
  'sites.list': SIGNED_IN,
  'sites.create': OWNER_ONLY,
  'sites.update': OWNER_ONLY,
  'supervisors.list': SIGNED_IN,
  'supervisors.create': OWNER_ONLY,
  'supervisors.update': OWNER_ONLY,
  'workers.list': SIGNED_IN,
  'workers.create': OWNER_ONLY,
  'workers.update': OWNER_ONLY,
  'assignments.list': SCOPED,
  'assignments.create': OWNER_ONLY,
  'assignments.update': OWNER_ONLY,
  'hours.week': SCOPED,
  'hours.add': SCOPED,
  'hours.update': SCOPED,
  'hours.delete': SCOPED,
  'weeks.get': SCOPED,
  'weeks.list': SCOPED,
  'weeks.queue': STAFF,
  // The matrix's supervisor asks for their own keys; another's is refused (signatures.test.ts).
  'weeks.signingKeys': STAFF,
  // Workers submit and reopen their own weeks (the owner on their behalf); only supervisors sign.
  'weeks.submit': WORKER_OWN,
  'weeks.return': SUPERVISING,
  'weeks.approve': row('deny', 'own', 'deny', 'deny'),
  'weeks.startAmendment': WORKER_OWN,
  'sessions.list': STAFF,
  'sessions.create': SUPERVISING,
  'sessions.update': SUPERVISING,
  'sessions.delete': SUPERVISING,
  'packs.list': SIGNED_IN,
  'packs.get': SIGNED_IN,
  'packs.create': OWNER_ONLY,
  'packs.update': OWNER_ONLY,
  'packs.delete': OWNER_ONLY,
  'workers.setPack': OWNER_ONLY,
  'progress.worker': SCOPED,
  'progress.overview': STAFF,
  // CE names a worker or a supervisor; the samples name workers (tests/integration/ce.test.ts
  // covers supervisor records). Cycles are set up by the owner only.
  'ce.list': SCOPED,
  'ce.create': SCOPED,
  'ce.update': SCOPED,
  'ce.delete': SCOPED,
  'ce.certificate': SCOPED,
  'ce.cycles.list': SCOPED,
  'ce.cycles.save': OWNER_ONLY,
  'ce.cycles.delete': OWNER_ONLY,
  'ce.status': SCOPED,
  'ce.overview': STAFF,
  'reports.weeklyLog': SCOPED,
  'reports.experienceSummary': SCOPED,
  // Cancels only the caller's own long call (none runs here, so it answers false).
  'reports.cancel': SIGNED_IN,
  'csv.exportHours': SCOPED,
  // Workers log hours on the week screen, never from a raw file. A supervisor's import is scoped
  // per row in the service: a row naming another worker refuses the file.
  'csv.previewImport': SUPERVISING,
  'csv.importHours': SUPERVISING,
  'privacy.myRecord': PEOPLE,
  'privacy.exportRecord': OWNER_ONLY,
  // Only the person's own: a supervisor does not see a supervisee's disclosures.
  'privacy.disclosures.list': WORKER_OWN,
  'privacy.disclosures.yearly': OWNER_ONLY,
  // People file requests about themselves; the owner registers and decides (a supervisor decides
  // week corrections of supervisees: tests/integration/privacy-requests.test.ts covers scope).
  'privacy.requests.mine': PEOPLE,
  'privacy.requests.file': PEOPLE,
  'privacy.requests.register': OWNER_ONLY,
  'privacy.requests.list': STAFF,
  'privacy.requests.decide': STAFF,
  'privacy.requests.yearly': OWNER_ONLY,
  'privacy.requests.yearlyFile': OWNER_ONLY,
  // Deletion under the retention rules and the rules themselves: the owner only.
  'privacy.deletion.plan': OWNER_ONLY,
  'privacy.deletion.execute': OWNER_ONLY,
  'privacy.deletion.scheduled': OWNER_ONLY,
  'privacy.deletion.runDue': OWNER_ONLY,
  'privacy.retention.list': OWNER_ONLY,
  'privacy.retention.update': OWNER_ONLY,
  // Privacy notice and consents: everyone reads and acknowledges the notice; a person sets their
  // own consents, the owner anyone's (a supervisor never for a supervisee: the service refuses).
  'privacy.notice.status': SIGNED_IN,
  'privacy.notice.acknowledge': SIGNED_IN,
  'privacy.notice.versions': OWNER_ONLY,
  'privacy.notice.acknowledgements': OWNER_ONLY,
  'privacy.notice.publish': OWNER_ONLY,
  'privacy.consents.mine': PEOPLE,
  'privacy.consents.person': OWNER_ONLY,
  'privacy.consents.list': OWNER_ONLY,
  'privacy.consents.set': WORKER_OWN,
  'privacy.policy.get': SIGNED_IN,
  'privacy.policy.update': OWNER_ONLY,
  // Aggregates with small groups hidden describe no one, so every role may read them.
  'stats.practice': SIGNED_IN,
  'stats.exportCsv': SIGNED_IN,
  'surveys.list': SIGNED_IN,
  'surveys.create': OWNER_ONLY,
  'surveys.update': OWNER_ONLY,
  'surveys.delete': OWNER_ONLY,
  'surveys.open': OWNER_ONLY,
  'surveys.close': OWNER_ONLY,
  // The owner runs surveys and does not answer them; people answer their own.
  'surveys.answer': PEOPLE,
  'surveys.results': OWNER_ONLY,
  // A reviewer's computer has no practice accounts: public, and the reviewer desk answers
  // `conflict` in a practice's data folder (issue 20).
  'reviewer.status': EVERYONE,
  'reviewer.createProfile': EVERYONE,
  'reviewer.unlock': EVERYONE,
  'reviewer.lock': EVERYONE,
  'reviewer.activity': EVERYONE,
  'reviewer.changePassword': EVERYONE,
  'reviewer.removeProfile': EVERYONE,
  'reviewer.enrolmentRequest': EVERYONE,
  'reviewer.openPacket': EVERYONE,
  'reviewer.packets': EVERYONE,
  'reviewer.packet': EVERYONE,
  'reviewer.decide': EVERYONE,
  'reviewer.decisionFile': EVERYONE,
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
    const user = (
      username: string,
      role: 'supervisor' | 'worker',
      link: { workerId: number } | { supervisorId: number },
    ) => createAccount(core, username, role, link, { password: 'owner password 1' });
    const s = await user('sup', 'supervisor', { supervisorId: supMine });
    const w = await user('wrk', 'worker', { workerId: mine });
    const owner = signedInUser(core);
    ids = {
      site,
      mine,
      other,
      supMine,
      entryMine,
      entryOther,
      users: { owner, supervisor: s, worker: w },
    };
    // A practice, a team and three accounts: more than the default 10 s on a loaded machine.
  }, 30_000);
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
      'audit.cancelVerify': {},
      'signatures.verifyFile': { name: 'x.json', base64: 'e30=' },
      'reviewers.previewEnrolment': { name: 'x.hkenrol', base64: 'e30=' },
      'reviewers.enrol': {
        name: 'x.hkenrol',
        base64: 'e30=',
        supervisorId: ids.supMine,
        fingerprintConfirmed: true,
      },
      'reviewers.list': {},
      'reviewers.revoke': { supervisorId: ids.supMine },
      'reviews.exportPacket': { supervisorId: ids.supMine, workerId, expiresInDays: 30 },
      'reviews.previewDecisions': { name: 'x.hkdecision', base64: 'e30=' },
      'reviews.importDecisions': { name: 'x.hkdecision', base64: 'e30=' },
      // A socket folder that does not exist: the owner's call is let through and fails there.
      'database.place': {},
      'database.test': NO_SERVER,
      'database.move': NO_SERVER,
      'database.join': { server: NO_SERVER, recoveryCode: 'x' },
      'database.serverPassword': { serverPassword: 'x' },
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
      'weeks.signingKeys': { supervisorId: ids.supMine },
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
      'reports.cancel': { task: 'pdf' },
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
      'reviewer.status': {},
      'reviewer.createProfile': { name: 'R', email: null, password: 'reviewer password 1' },
      'reviewer.unlock': { password: 'reviewer password 1' },
      'reviewer.lock': {},
      'reviewer.activity': {},
      'reviewer.changePassword': {
        currentPassword: 'reviewer password 1',
        newPassword: 'reviewer password 2',
      },
      'reviewer.removeProfile': { password: 'reviewer password 1' },
      'reviewer.enrolmentRequest': {},
      'reviewer.openPacket': { upload: { name: 'x.hkpacket', base64: 'e30=' } },
      'reviewer.packets': {},
      'reviewer.packet': { packetId: '00000000-0000-4000-8000-000000000000' },
      'reviewer.decide': {
        packetId: '00000000-0000-4000-8000-000000000000',
        workerId,
        weekStart: '2026-11-16',
        action: 'return',
        comment: 'Role matrix',
      },
      'reviewer.decisionFile': { packetId: '00000000-0000-4000-8000-000000000000' },
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

/**
 * Issue 16, scope: what the matrix above cannot say with one sample per call. Every case goes
 * through dispatch (core.invoke) as the signed-in person, and checks that a refusal wrote
 * nothing and left a 'forbidden' row in the audit trail.
 */
describe('scope: own name, current supervisees, one login per record, passwords (issue 16)', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');
  let site: number;
  /** Maria (supMine) and David (supOther); Ana works under both, Ben under David only. */
  let maria: number;
  let david: number;
  let ana: number;
  let ben: number;
  /** Cleo was Maria's supervisee until June: a past supervisee. */
  let cleo: number;
  let users: { maria: SessionUser; david: SessionUser; ben: SessionUser; cleo: SessionUser };

  beforeAll(async () => {
    core = await openTempCore(clock);
    site = (await call(core, 'sites.create', { name: 'Main' })).id;
    const sup = async (last: string) =>
      (
        await call(core, 'supervisors.create', {
          firstName: last,
          lastName: 'Sup',
          email: `${last}@x.org`,
          phone: '555-0100',
          licenseType: 'LMFT',
          licenseNumber: `L-${last}`,
          licenseState: 'CA',
          licenseExpires: '2030-01-01',
        })
      ).id;
    maria = await sup('Maria');
    david = await sup('David');
    const worker = async (first: string) =>
      (
        await call(core, 'workers.create', {
          firstName: first,
          lastName: 'W',
          email: `${first}@x.org`,
          startDate: '2026-01-01',
        })
      ).id;
    ana = await worker('Ana');
    ben = await worker('Ben');
    cleo = await worker('Cleo');
    const assign = (workerId: number, supervisorId: number, endDate?: string) =>
      call(core, 'assignments.create', {
        workerId,
        supervisorId,
        siteId: site,
        startDate: '2026-01-01',
        ...(endDate ? { endDate } : {}),
      });
    await assign(ana, maria);
    await assign(ana, david);
    await assign(ben, david);
    await assign(cleo, maria, '2026-06-30');
    const user = (username: string, link: { supervisorId: number } | { workerId: number }) =>
      call(core, 'users.create', {
        username,
        displayName: username,
        role: 'supervisorId' in link ? 'supervisor' : 'worker',
        password: `${username} password 1`,
        ...link,
      });
    users = {
      maria: await user('maria', { supervisorId: maria }),
      david: await user('david', { supervisorId: david }),
      ben: await user('ben', { workerId: ben }),
      cleo: await user('cleo', { workerId: cleo }),
    };
  });
  afterAll(() => core?.dispose());

  const asOwner = async () => {
    clock.advance(2_000);
    if (!core.isOpen()) await core.gate.signIn(OWNER.username, OWNER.password);
    core.services.session.signOut();
    await core.gate.signIn(OWNER.username, OWNER.password);
  };
  const as = async (who: keyof typeof users) => {
    await asOwner();
    core.services.session.signOut();
    core.services.session.signIn(users[who]);
  };
  const refusal = (r: Awaited<ReturnType<TempCore['invoke']>>) =>
    r.ok ? null : { code: r.error.code, message: r.error.message, fields: r.error.fields };
  const lastForbidden = async () => {
    await asOwner();
    return (await call(core, 'audit.list', { action: 'forbidden', limit: 1 }))[0]?.detail;
  };
  const entries = async () => {
    await asOwner();
    return (await core.db('hour_entries').orderBy('id').select('*')) as Record<string, unknown>[];
  };
  const hour = (workerId: number, supervisorId: number, date = '2026-11-17') => ({
    workerId,
    supervisorId,
    siteId: site,
    date,
    category: 'direct_individual' as const,
    minutes: 30,
  });

  it('a supervisor logs hours only in their own name', async () => {
    const before = await entries();
    await as('maria');
    const res = await core.invoke('hours.add', hour(ana, david));
    expect(refusal(res)).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('own name'),
    });
    expect(await entries()).toEqual(before);
    expect(await lastForbidden()).toBe(
      `hours.add: supervisor ${david} is not the caller (supervisor ${maria})`,
    );
    await as('maria');
    expect((await core.invoke('hours.add', hour(ana, maria))).ok).toBe(true);
  });

  it('a supervisor changes or deletes only entries in their own name, and never moves one to another', async () => {
    await asOwner();
    const davids = await call(core, 'hours.add', hour(ana, david, '2026-11-16'));
    const marias = await call(core, 'hours.add', hour(ana, maria, '2026-11-16'));
    const before = await entries();
    await as('maria');
    // David's entry, even rewritten into Maria's name.
    const steal = await core.invoke('hours.update', {
      id: davids.id,
      ...hour(ana, maria, '2026-11-16'),
    });
    expect(refusal(steal)?.code).toBe('forbidden');
    expect(await lastForbidden()).toContain(`hours.update: supervisor ${david} is not the caller`);
    await as('maria');
    const give = await core.invoke('hours.update', {
      id: marias.id,
      ...hour(ana, david, '2026-11-16'),
    });
    expect(refusal(give)?.code).toBe('forbidden');
    await as('maria');
    expect(refusal(await core.invoke('hours.delete', { id: davids.id }))?.code).toBe('forbidden');
    expect(await lastForbidden()).toContain(`hours.delete: supervisor ${david} is not the caller`);
    expect(await entries()).toEqual(before);
    // Her own entry she changes and deletes.
    await as('maria');
    expect(
      (
        await core.invoke('hours.update', {
          id: marias.id,
          ...hour(ana, maria, '2026-11-16'),
          minutes: 45,
        })
      ).ok,
    ).toBe(true);
    expect((await core.invoke('hours.delete', { id: marias.id })).ok).toBe(true);
    await asOwner();
    await call(core, 'hours.delete', { id: davids.id });
  });

  it('a supervisor logs only for current supervisees, not past ones or another supervisor’s', async () => {
    const before = await entries();
    await as('maria');
    // Cleo's assignment covered May, but she is no longer Maria's supervisee.
    expect(refusal(await core.invoke('hours.add', hour(cleo, maria, '2026-05-12')))?.code).toBe(
      'forbidden',
    );
    expect(await lastForbidden()).toContain(
      `hours.add: worker ${cleo} is outside the caller's scope`,
    );
    await as('maria');
    expect(refusal(await core.invoke('hours.add', hour(ben, maria)))?.code).toBe('forbidden');
    expect(await entries()).toEqual(before);
  });

  it('a supervisor records only sessions they ran', async () => {
    await as('maria');
    const res = await core.invoke('sessions.create', {
      supervisorId: david,
      siteId: site,
      date: '2026-11-11',
      kind: 'individual',
      minutes: 30,
      workerIds: [ana],
    });
    expect(refusal(res)?.code).toBe('forbidden');
    expect(await lastForbidden()).toContain(
      `sessions.create: supervisor ${david} is not the caller`,
    );
    expect(await core.db('supervision_sessions').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('a supervisor imports hours only in their own name; the whole file is refused', async () => {
    const before = await entries();
    const csv =
      'date,worker_id,site,supervisor_email,category,minutes\n' +
      `2026-11-03,${ana},Main,maria@x.org,nonclinical,5\n` +
      `2026-11-03,${ana},Main,david@x.org,nonclinical,5\n`;
    for (const name of ['csv.previewImport', 'csv.importHours'] as const) {
      await as('maria');
      const res = await core.invoke(name, { csv });
      expect(refusal(res)).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('Line 3 logs hours under another supervisor'),
      });
      expect(await lastForbidden()).toBe(
        `csv import: supervisor ${david} on line 3 is not the caller`,
      );
    }
    expect(await entries()).toEqual(before);
    // Her own rows import; the owner imports under anyone.
    await as('maria');
    const own = await core.invoke('csv.importHours', {
      csv: csv.split('\n').slice(0, 2).join('\n') + '\n',
    });
    expect(own.ok).toBe(true);
    await asOwner();
    expect((await core.invoke('csv.previewImport', { csv })).ok).toBe(true);
  });

  it('a supervisor signs and returns only weeks holding their own hours; each signs their part', async () => {
    const week = { workerId: ana, weekStart: '2026-10-26' };
    await asOwner();
    await call(core, 'hours.add', hour(ana, david, '2026-10-28'));
    await call(core, 'weeks.submit', week);
    const status = async () => {
      await asOwner();
      return (await call(core, 'weeks.get', week)).status;
    };
    // Only David's hours: Maria may neither sign nor return it (though Ana is her supervisee).
    await as('maria');
    const sign = await core.invoke('weeks.approve', { ...week, password: 'maria password 1' });
    expect(refusal(sign)).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('None of the hours in this week are under your supervision'),
    });
    expect(await lastForbidden()).toBe(
      `weeks.approve: week of 2026-10-26 holds no hours of supervisor ${maria}`,
    );
    expect(core.vault.failedAttempts('maria')).toBe(0);
    await as('maria');
    expect(refusal(await core.invoke('weeks.return', { ...week, comment: 'Not mine' }))?.code).toBe(
      'forbidden',
    );
    expect(await lastForbidden()).toContain('weeks.return: week of 2026-10-26 holds no hours');
    expect(await status()).toBe('submitted');
    expect(await core.db('week_signatures').count({ n: '*' }).first()).toEqual({ n: 0 });

    // A week under both: Maria's signature covers her entries; it is approved once David signs.
    const both = { workerId: ana, weekStart: '2026-11-09' };
    await asOwner();
    await call(core, 'hours.add', hour(ana, david, '2026-11-10'));
    await call(core, 'hours.add', hour(ana, maria, '2026-11-11'));
    await call(core, 'weeks.submit', both);
    await as('maria');
    const first = await core.invoke('weeks.approve', { ...both, password: 'maria password 1' });
    expect(first.ok && (first.value as { status: string }).status).toBe('submitted');
    await as('david');
    const second = await core.invoke('weeks.approve', { ...both, password: 'david password 1' });
    expect(second.ok && (second.value as { status: string }).status).toBe('approved');
    const signed = (await core.db('week_signatures').select('supervisor_id', 'entries_json')) as {
      supervisor_id: number;
      entries_json: string;
    }[];
    expect(signed.map((s) => Number(s.supervisor_id)).sort()).toEqual([maria, david].sort());
    for (const s of signed) {
      const own = JSON.parse(s.entries_json) as { supervisorId: number }[];
      expect(own.map((e) => e.supervisorId)).toEqual([Number(s.supervisor_id)]);
    }
  });

  it('one login per record: a second login for a supervisor or worker is a conflict naming the field', async () => {
    await asOwner();
    const count = async () => Number((await core.db('users').count({ n: '*' }).first())?.n);
    const before = await count();
    const second = await core.invoke('users.create', {
      username: 'maria2',
      displayName: 'Maria again',
      role: 'supervisor',
      supervisorId: maria,
      password: 'maria password 2',
    });
    expect(refusal(second)).toEqual({
      code: 'conflict',
      message: expect.stringContaining('already has a login (maria)'),
      fields: { supervisorId: 'Already linked to the login maria' },
    });
    const worker = await core.invoke('users.create', {
      username: 'ben2',
      displayName: 'Ben again',
      role: 'worker',
      workerId: ben,
      password: 'ben password 22',
    });
    expect(refusal(worker)?.fields).toEqual({ workerId: 'Already linked to the login ben' });
    expect(await count()).toBe(before);
    // The database holds the rule too, whatever writes to it.
    await expect(
      core.db('users').insert({
        username: 'sneaky',
        display_name: 'S',
        role: 'supervisor',
        supervisor_id: maria,
        password_hash: '',
        password_changed_at: '2026-11-20',
        created_at: '2026-11-20',
        updated_at: '2026-11-20',
      }),
    ).rejects.toThrow(uniqueClash('users', 'supervisor_id'));
  });

  it('workers see only their own supervisors (current or past), by name and licence', async () => {
    await as('ben');
    const forBen = await call(core, 'supervisors.list', {});
    expect(forBen).toEqual([
      {
        id: david,
        firstName: 'David',
        lastName: 'Sup',
        licenseType: 'LMFT',
        licenseNumber: 'L-DAVID',
        licenseState: 'CA',
        active: true,
      },
    ]);
    // Their hours as CSV name the supervisor, without the email (the import reads the name).
    await asOwner();
    await call(core, 'hours.add', hour(ben, david, '2026-11-18'));
    await as('ben');
    const file = await call(core, 'csv.exportHours', { recipient: 'Self', purpose: 'Own copy' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text).toContain(',David Sup,,');
    expect(text).not.toContain('david@x.org');
    // Cleo's assignment with Maria ended in June: Maria still signs her old weeks.
    await as('cleo');
    expect((await call(core, 'supervisors.list', {})).map((s) => [s.id, s.email])).toEqual([
      [maria, undefined],
    ]);
    // Supervisors and the owner keep the full list.
    await as('maria');
    expect((await call(core, 'supervisors.list', {})).map((s) => s.email).sort()).toEqual([
      'david@x.org',
      'maria@x.org',
    ]);
    await asOwner();
    expect((await call(core, 'supervisors.list', {})).every((s) => s.phone === '555-0100')).toBe(
      true,
    );
  });

  it('changing a password counts, throttles, locks out and is audited like a sign-in', async () => {
    await as('ben');
    // Ben's sign-in counted nothing; signIn through the session left his counter at zero.
    expect(core.vault.failedAttempts('ben')).toBe(0);
    const change = (currentPassword: string) =>
      core.invoke('account.changePassword', { currentPassword, newPassword: 'a brand new pw 1' });
    const wrong = await change('not it');
    expect(refusal(wrong)?.fields).toEqual({
      currentPassword: 'This is not your current password',
    });
    expect(core.vault.failedAttempts('ben')).toBe(1);
    // Right away again: throttled, with sign-in's message, and the right password does not get in.
    const throttled = await change('ben password 1');
    expect(refusal(throttled)).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Wait'),
    });
    // Three more wrong ones, then the lock screen's unlock shares the same counter.
    for (let i = 0; i < 3; i += 1) {
      clock.advance(60_000);
      await change(`wrong ${i}`);
    }
    expect(core.vault.failedAttempts('ben')).toBe(4);
    clock.advance(60_000);
    const fifth = await change('wrong again');
    // The same words a fifth wrong sign-in gets, and the session ends as it does at the lock screen.
    expect(refusal(fifth)).toEqual({
      code: 'forbidden',
      message: 'Too many failed attempts: this account is locked for 15 minutes.',
    });
    expect((await call(core, 'auth.status', {})).phase).toBe('signed-out');
    expect(core.isOpen()).toBe(false);
    clock.advance(60_000);
    const signIn = await core.invoke('auth.signIn', {
      username: 'ben',
      password: 'ben password 1',
    });
    expect(refusal(signIn)?.message).toContain('locked after too many failed attempts');
    await asOwner();
    const failures = await call(core, 'audit.list', {
      action: 'password_change_failed',
      limit: 10,
    });
    expect(failures.map((f) => f.detail)).toEqual([
      'wrong password; locked out for 15 min',
      'wrong password (4)',
      'wrong password (3)',
      'wrong password (2)',
      'throttled',
      'wrong password (1)',
    ]);
    expect(failures.every((f) => f.subjectType === 'user' && f.subjectId === users.ben.id)).toBe(
      true,
    );
    // The password did not change.
    await call(core, 'users.resetPassword', { id: users.ben.id, newPassword: 'ben password 1' });
  });

  it('a wrong current password and a wrong unlock count toward one lockout', async () => {
    await as('cleo');
    const change = (currentPassword: string) =>
      core.invoke('account.changePassword', { currentPassword, newPassword: 'a brand new pw 1' });
    for (let i = 0; i < 4; i += 1) {
      clock.advance(60_000);
      await change(`wrong ${i}`);
    }
    expect(core.vault.failedAttempts('cleo')).toBe(4);
    await call(core, 'lock.now', {});
    clock.advance(60_000);
    const unlock = await core.invoke('auth.unlock', { password: 'still wrong' });
    expect(refusal(unlock)?.message).toBe(
      'Too many failed attempts: this account is locked for 15 minutes.',
    );
    expect(core.vault.lockedUntil('cleo')).not.toBeNull();
    // A right change after the lockout: audited as password_changed.
    clock.advance(16 * 60_000);
    await core.gate.signIn('cleo', 'cleo password 1');
    await call(core, 'account.changePassword', {
      currentPassword: 'cleo password 1',
      newPassword: 'cleo password 2',
    });
    await asOwner();
    const [changed] = await call(core, 'audit.list', { action: 'password_changed', limit: 1 });
    expect(changed?.subjectId).toBe(users.cleo.id);
  });
});
