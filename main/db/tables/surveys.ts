import { isPostgres } from '../dialect/index.js';
import type { Q } from '../query.js';
import type { SurveyStatus } from '../../../shared/domain/privacy/surveys.js';

/** `surveys`: anonymous staff surveys. */
export type SurveyRow = {
  id: number;
  title: string;
  questions_json: string;
  status: SurveyStatus;
  opened_on: string | null;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
};

/** `survey_answers`: answers under a random token, never linked to the account that gave them. */
export type SurveyAnswerRow = {
  token: string;
  survey_id: number;
  answered_on: string;
  answers_json: string;
};

/** `survey_participants`: who has answered (so nobody answers twice), apart from the answers. */
export type SurveyParticipantRow = {
  survey_id: number;
  user_id: number;
};

/**
 * On PostgreSQL, holds survey `surveyId` for the rest of the transaction `q`, so two answers to
 * it are written one after the other (storeInKeyOrder rewrites all of its rows). SQLite has
 * one writer at a time already.
 */
export async function lockSurveyForAnswer(q: Q, surveyId: number): Promise<void> {
  if (isPostgres(q)) await q('surveys').where({ id: surveyId }).forUpdate().first('id');
}

/**
 * PostgreSQL has no WITHOUT ROWID (migrations/20261124000000_privacy.ts): its heap keeps rows
 * about in the order they were written (a row's ctid shows it), and each row's xmin names the
 * transaction that wrote it, so the answer and the participant written by one answering
 * transaction would point at each other. Called in that transaction, this deletes all of the
 * survey's participants and answers and writes them again in key order: the rows then lie in
 * key order (user id; the random token) and all carry this transaction's xmin, which says no
 * more than the survey's last answer did. SQLite stores these tables in key order: nothing to do.
 */
export async function storeInKeyOrder(q: Q, surveyId: number): Promise<void> {
  if (!isPostgres(q)) return;
  const participants = (await q('survey_participants')
    .where({ survey_id: surveyId })
    .orderBy('user_id')
    .select('survey_id', 'user_id')) as SurveyParticipantRow[];
  const answers = (await q('survey_answers')
    .where({ survey_id: surveyId })
    .orderBy('token')
    .select('token', 'survey_id', 'answered_on', 'answers_json')) as SurveyAnswerRow[];
  await q('survey_participants').where({ survey_id: surveyId }).delete();
  await q('survey_answers').where({ survey_id: surveyId }).delete();
  // One multi-row INSERT each: PostgreSQL writes the rows in the order listed.
  if (participants.length > 0) await q('survey_participants').insert(participants);
  if (answers.length > 0) await q('survey_answers').insert(answers);
}
