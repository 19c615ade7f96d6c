import type { Knex } from 'knex';

/**
 * The practice's key slots on its server (issue 21; main/db/tables/practice-keys.ts): one row,
 * the key file's shared part as JSON. On a single workstation it stays empty (the key file
 * beside the database is the only copy); the table exists on both so the schemas stay one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('practice_keys', (t) => {
    t.integer('id').primary();
    t.string('practice_id', 64).notNullable();
    t.string('updated_at', 32).notNullable();
    t.text('share_json').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('practice_keys');
}
