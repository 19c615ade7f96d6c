import type { Knex } from 'knex';

/**
 * A postponed deletion carries the reference the first part of the deletion gave the person, so
 * the tombstones of both parts (and the requests register) name the same reference.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scheduled_deletions', (t) => {
    t.string('person_ref', 40);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scheduled_deletions', (t) => t.dropColumn('person_ref'));
}
