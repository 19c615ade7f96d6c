import type { Knex } from 'knex';
import { isPostgres } from './postgres-dialect.js';

/**
 * survey_participants was an ordinary table, so its rowid numbered participants in the order
 * they answered. Next to the day on each answer that is a link: if the third person to answer
 * did so on a day with one answer, that answer is theirs. WITHOUT ROWID stores the rows by
 * (survey_id, user_id) only, so nothing in the table says who answered first.
 *
 * PostgreSQL has no rowid and the table already has that primary key: nothing to rebuild. Its
 * heap does keep rows in about the order written (a row's ctid shows it), here as in
 * survey_answers: a schema alone cannot hide that order there.
 */
export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) return;
  await knex.raw(`CREATE TABLE survey_participants_new (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (survey_id, user_id)
  ) WITHOUT ROWID`);
  await knex.raw(
    'INSERT INTO survey_participants_new (survey_id, user_id) SELECT survey_id, user_id FROM survey_participants ORDER BY survey_id, user_id',
  );
  await knex.raw('DROP TABLE survey_participants');
  await knex.raw('ALTER TABLE survey_participants_new RENAME TO survey_participants');
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) return;
  await knex.raw(`CREATE TABLE survey_participants_old (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (survey_id, user_id)
  )`);
  await knex.raw(
    'INSERT INTO survey_participants_old (survey_id, user_id) SELECT survey_id, user_id FROM survey_participants',
  );
  await knex.raw('DROP TABLE survey_participants');
  await knex.raw('ALTER TABLE survey_participants_old RENAME TO survey_participants');
}
