import type { Knex } from 'knex';
import { HOUR_ROLLUP_TRIGGERS, hourRollupTriggerSql } from '../main/services/hour-rollups.js';

/**
 * hour_rollups kept by triggers on hour_entries instead of by each service: every writer (an
 * entry, a session, a CSV import, a privacy deletion, a repair by hand) updates them inside its
 * own statement, so none can forget, and a save costs one round trip fewer. The rollups were
 * exact before this migration (the services kept them), so no rebuild is needed.
 */
export async function up(knex: Knex): Promise<void> {
  for (const sql of hourRollupTriggerSql()) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const name of HOUR_ROLLUP_TRIGGERS) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
}
