import type { Knex } from 'knex';

/**
 * A worker's last day at the practice, when they have left (issue 15): hours and supervision
 * assignments must fall between the start date and this one. Empty while they are employed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workers', (t) => {
    t.string('end_date', 10);
  });
}

/** Plain DROP COLUMN: knex's SQLite rebuild of the table would trip the triggers on workers. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE workers DROP COLUMN end_date');
}
