import type { Knex } from 'knex';

/**
 * A worker's education (issue 19): the degree, the school that granted it and the graduation
 * date, which the boards' experience verification forms ask for and the experience summary
 * prints. All empty until someone fills them in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workers', (t) => {
    t.string('degree', 120);
    t.string('school', 160);
    t.string('graduation_date', 10);
  });
}

/** Plain DROP COLUMN: knex's SQLite rebuild of the table would trip the triggers on workers. */
export async function down(knex: Knex): Promise<void> {
  for (const column of ['graduation_date', 'school', 'degree'])
    await knex.raw(`ALTER TABLE workers DROP COLUMN ${column}`);
}
