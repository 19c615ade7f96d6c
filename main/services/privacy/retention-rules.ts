import type { Knex } from 'knex';
import { notFound } from '../../../shared/errors.js';
import {
  DEFAULT_RETENTION_RULES,
  RETENTION_RULE_KEYS,
  RULE_COUNTS_FROM,
  type RetentionRuleKey,
  type RetentionRuleView,
} from '../../../shared/domain/privacy/retention-rules.js';
import type { CorePorts } from '../ports.js';

type Row = Record<string, unknown>;

const fromRow = (r: Row): RetentionRuleView => ({
  id: Number(r.id),
  key: r.key as RetentionRuleKey,
  label: String(r.label),
  description: String(r.description),
  years: Number(r.years),
  active: Boolean(r.active),
  countsFrom: RULE_COUNTS_FROM[r.key as RetentionRuleKey],
  updatedAt: String(r.updated_at),
});

export interface RuleChange {
  label: string;
  description: string;
  years: number;
  active: boolean;
}

/** The owner-editable retention rules; the defaults are written on first read, once. */
export function makeRetentionRules({ db, clock, audit }: CorePorts) {
  async function seed(trx: Knex.Transaction): Promise<void> {
    const have = new Set(
      ((await trx('retention_rules').select('key')) as Row[]).map((r) => String(r.key)),
    );
    const missing = DEFAULT_RETENTION_RULES.filter((r) => !have.has(r.key));
    if (missing.length === 0) return;
    const now = clock.now().toISOString();
    await trx('retention_rules')
      .insert(missing.map((r) => ({ ...r, updated_at: now })))
      .onConflict('key')
      .ignore();
    await audit.append(trx, {
      action: 'create',
      entity: 'retention_rules',
      after: missing.map((r) => ({ key: r.key, years: r.years })),
      detail: 'Default retention rules',
    });
  }

  /** Reads the rules inside a transaction (seeding them when missing), in the keys' order. */
  async function rulesIn(trx: Knex.Transaction): Promise<RetentionRuleView[]> {
    await seed(trx);
    const rows = ((await trx('retention_rules').select()) as Row[]).map(fromRow);
    return RETENTION_RULE_KEYS.flatMap((k) => rows.filter((r) => r.key === k));
  }

  return {
    rulesIn,
    list: (): Promise<RetentionRuleView[]> => db.transaction(rulesIn),

    async update(id: number, change: RuleChange): Promise<RetentionRuleView> {
      return db.transaction(async (trx) => {
        await seed(trx);
        const before = (await trx('retention_rules').where({ id }).first()) as Row | undefined;
        if (!before) throw notFound('Retention rule');
        await trx('retention_rules').where({ id }).update({
          label: change.label,
          description: change.description,
          years: change.years,
          active: change.active,
          updated_at: clock.now().toISOString(),
        });
        const after = fromRow((await trx('retention_rules').where({ id }).first()) as Row);
        await audit.append(trx, {
          action: 'update',
          entity: 'retention_rules',
          entityId: id,
          before: fromRow(before),
          after,
        });
        return after;
      });
    },
  };
}

export type RetentionRulesService = ReturnType<typeof makeRetentionRules>;
