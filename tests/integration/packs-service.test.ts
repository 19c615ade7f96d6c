import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import generic from '../../shared/domain/packs/generic.json';
import { BUILT_IN_PACKS } from '../../shared/domain/packs/index.js';
import { call, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const myPack = (over: Record<string, unknown> = {}) => ({
  ...structuredClone(generic),
  id: 'lakeside-lmft',
  name: 'Lakeside LMFT',
  ...over,
});

describe("requirement packs: built-in and the practice's own", () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;

  beforeEach(async () => {
    core = await openTempCore(fakeClock('2026-11-20T15:00:00'));
    ids = await seedPractice(core);
  });
  afterEach(() => core.dispose());

  it('lists every built-in pack with its version date and sources', async () => {
    const list = await call(core, 'packs.list', {});
    expect(list.map((p) => p.id)).toEqual(BUILT_IN_PACKS.map((p) => p.id));
    const lmft = list.find((p) => p.id === 'ca-bbs-lmft');
    expect(lmft?.builtIn).toBe(true);
    expect(lmft?.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(lmft?.sourceCount).toBeGreaterThan(0);
    const got = await call(core, 'packs.get', { id: 'tx-bhec-lpc' });
    expect(got.pack.sources.length).toBe(got.sourceCount);
  });

  it('saves a copy that passes the pack schema, and edits it keeping its id', async () => {
    const created = await call(core, 'packs.create', { pack: myPack(), basedOn: 'generic' });
    expect(created).toMatchObject({ id: 'lakeside-lmft', builtIn: false, basedOn: 'generic' });
    const edited = myPack({ versionDate: '2026-12-01' });
    edited.requirements[0] = { ...edited.requirements[0], minutes: 200_000 } as never;
    const updated = await call(core, 'packs.update', { id: 'lakeside-lmft', pack: edited });
    expect(updated.versionDate).toBe('2026-12-01');
    expect(updated.pack.requirements[0]?.minutes).toBe(200_000);
    const list = await call(core, 'packs.list', {});
    expect(list.at(-1)?.id).toBe('lakeside-lmft');

    const renamed = await core.invoke('packs.update', {
      id: 'lakeside-lmft',
      pack: myPack({ id: 'new-id' }),
    });
    expect(!renamed.ok && renamed.error.fields).toEqual({
      'pack.id': 'A saved pack keeps its id ("lakeside-lmft")',
    });
    const audit = await core.db('audit_log').where({ entity: 'custom_packs' }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('names each problem of an invalid pack by its JSON path and stores nothing', async () => {
    const bad = myPack({ versionDate: '2026-02-30', sources: [] });
    bad.requirements[1] = { ...bad.requirements[1], minutes: -5 } as never;
    const res = await core.invoke('packs.create', { pack: bad });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('validation');
    expect(res.error.fields).toMatchObject({
      'pack.versionDate': 'Must be a real date written YYYY-MM-DD',
      'pack.sources': 'Cite at least one source',
      'pack.requirements.1.minutes': expect.any(String),
    });
    expect(await core.db('custom_packs').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses an id that clashes with a built-in or saved pack', async () => {
    const clash = await core.invoke('packs.create', { pack: myPack({ id: 'ca-bbs-lmft' }) });
    expect(!clash.ok && clash.error.fields).toEqual({
      'pack.id': '"ca-bbs-lmft" is a built-in pack\'s id; give your copy its own id',
    });
    await call(core, 'packs.create', { pack: myPack() });
    const twice = await core.invoke('packs.create', { pack: myPack() });
    expect(!twice.ok && twice.error.fields?.['pack.id']).toBe(
      'A pack with the id "lakeside-lmft" already exists',
    );
    const builtIn = await core.invoke('packs.update', {
      id: 'generic',
      pack: { ...generic },
    });
    expect(!builtIn.ok && builtIn.error.code).toBe('conflict');
  });

  it('assigns a pack to a worker, and refuses to delete a pack in use', async () => {
    await call(core, 'packs.create', { pack: myPack() });
    const unknown = await core.invoke('workers.setPack', {
      workerId: ids.worker.id,
      packId: 'nope',
    });
    expect(!unknown.ok && unknown.error.fields).toEqual({ packId: 'No such requirement pack' });

    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: 'lakeside-lmft' });
    expect((await core.db('workers').where({ id: ids.worker.id }).first())?.pack_id).toBe(
      'lakeside-lmft',
    );
    const detail = await call(core, 'packs.get', { id: 'lakeside-lmft' });
    expect(detail.workerIds).toEqual([ids.worker.id]);
    const del = await core.invoke('packs.delete', { id: 'lakeside-lmft' });
    expect(!del.ok && del.error.message).toBe(
      'This pack is assigned to 1 worker; assign them another pack first.',
    );

    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: null });
    await call(core, 'packs.delete', { id: 'lakeside-lmft' });
    expect(await core.db('custom_packs').count({ n: '*' })).toEqual([{ n: 0 }]);
    const builtIn = await core.invoke('packs.delete', { id: 'generic' });
    expect(!builtIn.ok && builtIn.error.code).toBe('conflict');

    const trail = await core
      .db('audit_log')
      .where({ entity: 'workers', subject_id: ids.worker.id, action: 'update' })
      .orderBy('id');
    expect(trail.map((t) => t.detail)).toEqual([
      'requirement pack set to lakeside-lmft',
      'requirement pack removed',
    ]);
  });
});
