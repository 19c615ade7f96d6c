import type { Knex } from 'knex';
import * as core from '../../migrations/20261101000000_core.js';
import * as accountsAudit from '../../migrations/20261110000000_accounts_audit.js';
import * as reviewProgressCe from '../../migrations/20261123000000_review_progress_ce.js';
import * as privacy from '../../migrations/20261124000000_privacy.js';
import * as deletionRef from '../../migrations/20261124203000_deletion_ref.js';
import * as surveyParticipantsOrder from '../../migrations/20261124205000_survey_participants_order.js';
import * as hourRollups from '../../migrations/20261124300000_hour_rollups.js';
import * as progressCache from '../../migrations/20261124310000_progress_cache.js';
import * as hourRollupTriggers from '../../migrations/20261125000000_hour_rollup_triggers.js';
import * as keySlots from '../../migrations/20261204000000_key_slots.js';
import * as workerEndDate from '../../migrations/20261205000000_worker_end_date.js';
import * as personIdentityKeys from '../../migrations/20261206000000_person_identity_keys.js';
import * as signatures from '../../migrations/20261207000000_signatures.js';
import * as oneLoginPerRecord from '../../migrations/20261208000000_one_login_per_record.js';
import * as workerEducation from '../../migrations/20261209000000_worker_education.js';
import * as reviewPackets from '../../migrations/20261210000000_review_packets.js';
import * as postgresAuditGrants from '../../migrations/20261211000000_postgres_audit_grants.js';
import * as postgresChangeNotices from '../../migrations/20261212000000_postgres_change_notices.js';
import * as practiceKeys from '../../migrations/20261213000000_practice_keys.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations are imported statically, not discovered on disk, so the bundler includes them and
 * a packaged app (inside an asar) migrates exactly like a test run does. Append only.
 */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261101000000_core', core],
  ['20261110000000_accounts_audit', accountsAudit],
  ['20261123000000_review_progress_ce', reviewProgressCe],
  ['20261124000000_privacy', privacy],
  ['20261124203000_deletion_ref', deletionRef],
  ['20261124205000_survey_participants_order', surveyParticipantsOrder],
  ['20261124300000_hour_rollups', hourRollups],
  ['20261124310000_progress_cache', progressCache],
  ['20261125000000_hour_rollup_triggers', hourRollupTriggers],
  ['20261204000000_key_slots', keySlots],
  ['20261205000000_worker_end_date', workerEndDate],
  ['20261206000000_person_identity_keys', personIdentityKeys],
  ['20261207000000_signatures', signatures],
  ['20261208000000_one_login_per_record', oneLoginPerRecord],
  ['20261209000000_worker_education', workerEducation],
  ['20261210000000_review_packets', reviewPackets],
  ['20261211000000_postgres_audit_grants', postgresAuditGrants],
  ['20261212000000_postgres_change_notices', postgresChangeNotices],
  ['20261213000000_practice_keys', practiceKeys],
];

export const SCHEMA_VERSION = MIGRATIONS.length;
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};

export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

/** The migrations a database has run, oldest first (knex's own record of them). */
export async function migrationNames(db: Knex): Promise<string[]> {
  const rows = (await db('knex_migrations').orderBy('id').select('name')) as { name: string }[];
  return rows.map((r) => r.name);
}
