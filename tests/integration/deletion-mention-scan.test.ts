import { afterEach, describe, expect, it } from 'vitest';
import { gatherPerson } from '../../main/services/privacy/deletion-facts.js';
import {
  REDACT_STEP,
  redactAudit,
  startMentionScan,
} from '../../main/services/privacy/deletion-redact.js';
import { onPostgres } from '../support/pg-test-server.js';
import { call, keepNothing, newWorker, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

type Row = Record<string, unknown>;

/**
 * An erasure reads the whole audit trail for rows that name the person on a connection of its
 * own before its transaction (deletion-redact.ts startMentionScan); the transaction then reads
 * only the rows appended since, and the rows linked to the person through the indexes. These
 * tests make the trail change between the scan and the transaction.
 */
describe('the erasure’s scan of the trail, begun before its transaction', () => {
  let core: TempCore | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  /** A practice with Quintessa, and a note about her in a row about somebody else. */
  async function withQuintessa() {
    const clock = fakeClock('2026-11-20T10:00:00');
    core = await openTempCore(clock);
    await seedPractice(core);
    const worker = await call(
      core,
      'workers.create',
      newWorker('Quintessa', 'Marlowe', '2026-03-02'),
    );
    const person = { personType: 'worker' as const, personId: worker.id };
    const c = core;
    const append = (entry: Parameters<typeof c.services.audit.append>[1]) =>
      c.db.transaction((trx) => c.services.audit.append(trx, entry));
    const mention = (detail: string) => append({ action: 'view', entity: 'practice', detail });
    return { c, person, mention, append };
  }

  const unredacted = async (c: TempCore, words: string) =>
    ((await c.db('audit_log').whereNull('redacted_at').select('detail', 'after_json')) as Row[])
      .map((r) => `${String(r.detail)} ${String(r.after_json)}`)
      .filter((t) => t.toLowerCase().includes(words.toLowerCase()));

  // Skipped on PostgreSQL: there is no spare reader, so startMentionScan answers null and the
  // transaction reads the whole trail (the two tests below cover that path in both passes).
  it.skipIf(onPostgres())(
    'finds the rows it scanned, the rows appended after it and the linked rows',
    async () => {
      const { c, person, mention, append } = await withQuintessa();
      await mention('Call with Quintessa Marlowe about her hours');
      const scan = await startMentionScan(c.db, person);
      expect(scan?.ids.length).toBeGreaterThan(0);
      // After the scan: a new mention, and a change to her record (a linked row).
      await mention('Letter to quintessa@example.org');
      await append({
        action: 'view',
        entity: 'workers',
        entityId: person.personId,
        subjectType: 'worker',
        subjectId: person.personId,
        detail: 'profile',
      });

      const redacted = await c.db.transaction(async (trx) =>
        redactAudit(
          trx,
          c.services.audit,
          await gatherPerson(trx, person, '2026-11-20'),
          Promise.resolve(scan),
        ),
      );
      expect(redacted).toBeGreaterThanOrEqual(4);
      expect(await unredacted(c, 'Quintessa')).toEqual([]);
      expect(await unredacted(c, 'quintessa@example.org')).toEqual([]);
      const linked = (await c
        .db('audit_log')
        .where({ entity: 'workers', entity_id: person.personId })
        .whereNull('redacted_at')
        .select('id')) as Row[];
      expect(linked).toEqual([]);
      expect(await c.services.audit.verify(c.db)).toMatchObject({ intact: true });
    },
  );

  it('reads the whole trail itself when the person was renamed after the scan', async () => {
    const { c, person, mention } = await withQuintessa();
    // Written before the scan, which looks for her name as it then was.
    await mention('Supervision notes for Quintessa Brightwater');
    const scan = await startMentionScan(c.db, person);
    await c.db('workers').where({ id: person.personId }).update({ last_name: 'Brightwater' });

    await c.db.transaction(async (trx) =>
      redactAudit(
        trx,
        c.services.audit,
        await gatherPerson(trx, person, '2026-11-20'),
        Promise.resolve(scan),
      ),
    );
    expect(await unredacted(c, 'Quintessa Brightwater')).toEqual([]);
  });

  it('erases through the API with mentions written on both sides of the scan', async () => {
    const { c, person, mention } = await withQuintessa();
    await keepNothing(c);
    for (let i = 0; i < 20; i++) await mention(`Quintessa Marlowe, note ${i}`);
    const result = await call(c, 'privacy.deletion.execute', {
      ...person,
      password: 'owner password 1',
    });
    expect(result.redactedAuditRows).toBeGreaterThanOrEqual(21);
    expect(await unredacted(c, 'Quintessa Marlowe')).toEqual([]);
    expect(await c.services.audit.verify(c.db)).toMatchObject({ intact: true });
  });

  it('redacts in steps: linked rows and mentions past one step are all redacted and sealed', async () => {
    const { c, person } = await withQuintessa();
    await keepNothing(c);
    const many = REDACT_STEP + 150;
    await c.db.transaction(async (trx) => {
      for (let i = 0; i < many; i++) {
        await c.services.audit.append(trx, {
          action: 'view',
          entity: 'hour_entries',
          subjectType: 'worker',
          subjectId: person.personId,
          detail: `week ${i}`,
        });
        await c.services.audit.append(trx, {
          action: 'view',
          entity: 'practice',
          detail: `Supervision plan for Quintessa Marlowe, part ${i}`,
        });
      }
    });
    const result = await call(c, 'privacy.deletion.execute', {
      ...person,
      password: 'owner password 1',
    });
    expect(result.redactedAuditRows).toBeGreaterThanOrEqual(2 * many);
    expect(await unredacted(c, 'Quintessa Marlowe')).toEqual([]);
    const linked = (await c
      .db('audit_log')
      .where({ subject_type: 'worker', subject_id: person.personId })
      .count({ n: '*' })) as { n: number | string }[];
    expect(Number(linked[0]?.n)).toBe(0);
    const unsealed = (await c
      .db('audit_log')
      .whereNotNull('redacted_at')
      .whereNull('redaction_seal')
      .count({ n: '*' })) as { n: number | string }[];
    expect(Number(unsealed[0]?.n)).toBe(0);
    expect(await c.services.audit.verify(c.db)).toMatchObject({ intact: true });
  });
});
