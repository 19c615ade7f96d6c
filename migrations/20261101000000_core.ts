import type { Knex } from 'knex';

/** Core records: the practice, its sites and people, who supervises whom, and hour entries. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('practice', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('sites', (t) => {
    t.increments('id');
    t.string('name', 100).notNullable();
    t.string('address', 300);
    t.string('phone', 40);
    t.boolean('active').notNullable().defaultTo(true);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['name'], 'sites_name_idx');
  });

  await knex.schema.createTable('supervisors', (t) => {
    t.increments('id');
    t.string('first_name', 100).notNullable();
    t.string('last_name', 100).notNullable();
    t.string('email', 254).notNullable();
    t.string('phone', 40);
    t.string('license_type', 20).notNullable();
    t.string('license_number', 40).notNullable();
    t.string('license_state', 2).notNullable();
    t.string('license_expires', 10).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['last_name', 'first_name'], 'supervisors_name_idx');
  });

  await knex.schema.createTable('workers', (t) => {
    t.increments('id');
    t.string('first_name', 100).notNullable();
    t.string('last_name', 100).notNullable();
    t.string('email', 254).notNullable();
    t.string('phone', 40);
    t.string('title', 80);
    t.string('registration_number', 40);
    t.string('registration_expires', 10);
    t.string('start_date', 10).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['last_name', 'first_name'], 'workers_name_idx');
  });

  await knex.schema.createTable('supervision_assignments', (t) => {
    t.increments('id');
    t.integer('worker_id').notNullable().references('workers.id').onDelete('RESTRICT');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('RESTRICT');
    t.integer('site_id').notNullable().references('sites.id').onDelete('RESTRICT');
    t.string('start_date', 10).notNullable();
    t.string('end_date', 10);
    t.string('agreement_signed_on', 10);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    // The hour-entry check looks up a worker's spans; the supervisor's caseload lists by supervisor.
    t.index(['worker_id', 'start_date'], 'assignments_worker_idx');
    t.index(['supervisor_id'], 'assignments_supervisor_idx');
  });

  await knex.schema.createTable('hour_entries', (t) => {
    t.increments('id');
    t.integer('worker_id').notNullable().references('workers.id').onDelete('RESTRICT');
    t.string('date', 10).notNullable();
    t.integer('site_id').notNullable().references('sites.id').onDelete('RESTRICT');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('RESTRICT');
    t.string('category', 32).notNullable();
    t.integer('minutes').notNullable();
    t.string('note', 1000);
    t.string('status', 16).notNullable().defaultTo('draft');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    // Week view and day totals: one worker, a date range.
    t.index(['worker_id', 'date'], 'hour_entries_worker_date_idx');
    t.index(['site_id'], 'hour_entries_site_idx');
    t.index(['supervisor_id', 'date'], 'hour_entries_supervisor_date_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'hour_entries',
    'supervision_assignments',
    'workers',
    'supervisors',
    'sites',
    'practice',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
