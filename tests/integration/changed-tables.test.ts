import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api/bridge.js';
import { tableNames } from '../../main/db/dialect/index.js';
import { DB_TABLES, DERIVED_TABLES } from '../../shared/api/tables.js';
import {
  contract,
  type ApiInput,
  type ApiName,
  type ContractEntry,
} from '../../shared/api/contract.js';
import { seedPractice } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';
import { OWNER } from '../support/temp-core.js';

/** Writes report the tables they changed, in the envelope; work outside a call, as an event. */
describe('changed tables', () => {
  const t = coreEachTest('2026-11-20T15:00:00', seedPractice);

  /** The tables a call reported; each must be one its contract entry says it may change. */
  const changedBy = async <K extends ApiName>(name: K, input: ApiInput<K>) => {
    const res = await t.core.invoke(name, input);
    if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res.error)}`);
    const declared: readonly string[] = (contract[name] as ContractEntry).changes ?? ['audit_log'];
    for (const table of res.changed ?? [])
      expect(declared, `${name} changed ${table}`).toContain(table);
    return res.changed;
  };

  const hour = () => ({
    workerId: t.ids.worker.id,
    date: '2026-11-16',
    siteId: t.ids.site.id,
    supervisorId: t.ids.supervisor.id,
    category: 'direct_individual' as const,
    minutes: 60,
    note: null,
  });

  it('names the tables a write changed, and nothing for a read', async () => {
    expect(await changedBy('hours.add', hour())).toEqual(['audit_log', 'hour_entries']);
    expect(
      await changedBy('sessions.create', {
        supervisorId: t.ids.supervisor.id,
        siteId: t.ids.site.id,
        date: '2026-11-17',
        kind: 'individual',
        minutes: 60,
        note: null,
        workerIds: [t.ids.worker.id],
      }),
    ).toEqual([
      'audit_log',
      'hour_entries',
      'supervision_session_attendees',
      'supervision_sessions',
    ]);
    expect(
      await changedBy('ce.create', {
        personType: 'worker',
        personId: t.ids.worker.id,
        title: 'Law and ethics',
        provider: 'CAMFT',
        date: '2026-06-01',
        minutes: 120,
        category: 'general',
      }),
    ).toEqual(['audit_log', 'ce_records']);
    // Reading a worker's week changes no record (at most the audit trail notes the access).
    const read = await changedBy('hours.week', {
      workerId: t.ids.worker.id,
      weekStart: '2026-11-16',
    });
    expect((read ?? []).filter((t) => t !== 'audit_log')).toEqual([]);
  });

  it("erasing a person's hours reports hour_entries, which the week and progress read", async () => {
    await changedBy('hours.add', hour());
    const changed = await changedBy('privacy.deletion.execute', {
      personType: 'worker',
      personId: t.ids.worker.id,
      password: OWNER.password,
    });
    // The worker has hours, so the rest of their record waits for its retention period.
    expect(changed).toEqual(
      expect.arrayContaining(['audit_log', 'hour_entries', 'scheduled_deletions']),
    );
  });

  it("the contract's table names are the database's tables", async () => {
    const names = (await tableNames(t.core.db)).filter((name) => !name.startsWith('knex_'));
    expect(names.sort()).toEqual([...DB_TABLES, ...DERIVED_TABLES].sort());
  });

  it('pushes writes made outside any call as one changed event', async () => {
    const events: AppEvent[] = [];
    const off = t.core.onEvent((e) => events.push(e));
    await t.core.db('sites').where({ id: t.ids.site.id }).update({ phone: '555-0101' });
    await new Promise((ok) => setTimeout(ok, 120));
    off();
    expect(events).toContainEqual({ type: 'changed', tables: ['sites'] });
  });
});
