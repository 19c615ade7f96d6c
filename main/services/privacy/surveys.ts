import { lockSurveyForAnswer, storeInKeyOrder, type SurveyRow } from '../../db/tables/surveys.js';
import { randomBytes, randomInt } from 'node:crypto';
import type { Q } from '../../db/query.js';
import { foldLog } from '../fold-log.js';
import { AppError, notFound, validationError } from '../../../shared/errors.js';
import { toIsoDate } from '../../../shared/domain/dates.js';
import {
  checkAnswers,
  questionProblems,
  resultsHeldBack,
  summarise,
  type AnswerValue,
  type SurveyList,
  type SurveyQuestion,
  type SurveyResults,
  type SurveyStatus,
  type SurveyView,
} from '../../../shared/domain/privacy/surveys.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import { ownPerson } from './consents.js';
import { hasConsent } from './consent-state.js';

export interface SurveyDraft {
  title: string;
  questions: SurveyQuestion[];
}

/** Fisher–Yates with a cryptographic source, so comment order carries nothing over from storage. */
const cryptoShuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};

const NOT_INVITED =
  'You are asked to answer surveys once you agree to it under My data → Consents ("Being invited to answer anonymous surveys").';

/**
 * Anonymous surveys. The owner writes a survey, opens it and closes it; workers and supervisors
 * who agreed to be surveyed (the 'surveys' consent, read at every call) answer once.
 *
 * An answer is stored with no link to its author: survey_answers has a random key, the day and
 * the values; survey_participants holds only (survey, user) so nobody answers twice. Both tables
 * are WITHOUT ROWID, so neither a rowid nor the storage order follows the order of answering
 * (on PostgreSQL each answer rewrites the survey's rows in key order instead: storeInKeyOrder).
 * Answering is deliberately NOT audited: an audit row carries the user and the second, and next
 * to an answer's day it would name the author of any day's only answer. Participation is
 * already recorded — without a time — by survey_participants, which is all the trail needs.
 */
export function makeSurveysService({ db, clock, audit }: CorePorts) {
  const today = () => toIsoDate(clock.now());

  async function row(q: Q, id: number): Promise<SurveyRow> {
    const r = (await q('surveys').where({ id }).first()) as SurveyRow | undefined;
    if (!r) throw notFound('Survey');
    return r;
  }
  const questionsOf = (r: SurveyRow) => JSON.parse(r.questions_json) as SurveyQuestion[];

  async function answerCount(q: Q, id: number): Promise<number> {
    const r = (await q('survey_answers').where({ survey_id: id }).count({ n: '*' }).first()) as
      { n: number } | undefined;
    return Number(r?.n ?? 0);
  }

  function checkDraft(d: SurveyDraft): void {
    const problems = questionProblems(d.questions);
    if (Object.keys(problems).length) throw validationError(problems);
  }

  /** Moves a survey from one status to the next, or says why it cannot. */
  async function transition(id: number, from: SurveyStatus, to: SurveyStatus, verb: string) {
    await db.transaction(async (trx) => {
      const r = await row(trx, id);
      if (r.status !== from)
        throw new AppError(
          'conflict',
          `Only a ${from} survey can be ${verb}; this one is ${r.status}.`,
        );
      const patch =
        to === 'open' ? { opened_on: today() } : to === 'closed' ? { closed_on: today() } : {};
      await trx('surveys')
        .where({ id })
        .update({ status: to, ...patch, updated_at: clock.now().toISOString() });
      await audit.append(trx, {
        action: 'update',
        entity: 'survey',
        entityId: id,
        before: { status: from },
        after: { status: to, ...patch },
        detail: `survey ${verb}`,
      });
    });
    return view(db, await row(db, id), null);
  }

  async function view(q: Q, r: SurveyRow, user: SessionUser | null): Promise<SurveyView> {
    const mine =
      user && user.role !== 'owner'
        ? await q('survey_participants')
            .where({ survey_id: r.id, user_id: user.id })
            .first('survey_id')
        : undefined;
    return {
      id: Number(r.id),
      title: r.title,
      questions: questionsOf(r),
      status: r.status,
      openedOn: r.opened_on,
      closedOn: r.closed_on,
      answered: user === null || user.role === 'owner' ? await answerCount(q, r.id) : null,
      answeredByMe: mine !== undefined,
    };
  }

  /** Whether a signed-in user is among those asked, read from the consent log every time. */
  async function invited(q: Q, user: SessionUser): Promise<boolean> {
    const person = ownPerson(user);
    return user.role !== 'owner' && person !== null && (await hasConsent(q, person, 'surveys'));
  }

  return {
    async list(user: SessionUser): Promise<SurveyList> {
      if (user.role === 'owner') {
        const rows = (await db('surveys').orderBy('id', 'desc')) as SurveyRow[];
        return {
          canAnswer: false,
          notInvitedReason: null,
          surveys: await Promise.all(rows.map((r) => view(db, r, user))),
        };
      }
      if (!(await invited(db, user)))
        return { canAnswer: false, notInvitedReason: NOT_INVITED, surveys: [] };
      const rows = (await db('surveys')
        .where({ status: 'open' })
        .orderBy('id', 'desc')) as SurveyRow[];
      return {
        canAnswer: true,
        notInvitedReason: null,
        surveys: await Promise.all(rows.map((r) => view(db, r, user))),
      };
    },

    async create(d: SurveyDraft): Promise<SurveyView> {
      checkDraft(d);
      const now = clock.now().toISOString();
      const id = await db.transaction(async (trx) => {
        const [created] = (await trx('surveys')
          .insert({
            title: d.title,
            questions_json: JSON.stringify(d.questions),
            status: 'draft',
            created_at: now,
            updated_at: now,
          })
          .returning('id')) as { id: number }[];
        const newId = Number(created?.id);
        await audit.append(trx, { action: 'create', entity: 'survey', entityId: newId, after: d });
        return newId;
      });
      return view(db, await row(db, id), null);
    },

    async update(id: number, d: SurveyDraft): Promise<SurveyView> {
      checkDraft(d);
      await db.transaction(async (trx) => {
        const r = await row(trx, id);
        // Changing a question under people who already answered would mix two surveys' answers.
        if (r.status !== 'draft')
          throw new AppError(
            'conflict',
            'Only a draft survey can be changed; this one is ' + r.status + '.',
          );
        await trx('surveys')
          .where({ id })
          .update({
            title: d.title,
            questions_json: JSON.stringify(d.questions),
            updated_at: clock.now().toISOString(),
          });
        await audit.append(trx, {
          action: 'update',
          entity: 'survey',
          entityId: id,
          before: { title: r.title, questions: questionsOf(r) },
          after: d,
        });
      });
      return view(db, await row(db, id), null);
    },

    async remove(id: number): Promise<{ id: number }> {
      await db.transaction(async (trx) => {
        const r = await row(trx, id);
        if (r.status !== 'draft')
          throw new AppError(
            'conflict',
            'Only a draft survey can be deleted; close this one instead.',
          );
        await trx('surveys').where({ id }).delete();
        await audit.append(trx, {
          action: 'delete',
          entity: 'survey',
          entityId: id,
          before: { title: r.title, questions: questionsOf(r) },
        });
      });
      return { id };
    },

    open: (id: number) => transition(id, 'draft', 'open', 'opened'),
    close: (id: number) => transition(id, 'open', 'closed', 'closed'),

    async answer(user: SessionUser, id: number, answers: AnswerValue[]): Promise<SurveyView> {
      await db.transaction(async (trx) => {
        await lockSurveyForAnswer(trx, id);
        const r = await row(trx, id);
        if (!(await invited(trx, user))) throw new AppError('forbidden', NOT_INVITED);
        if (r.status !== 'open')
          throw new AppError('conflict', 'This survey is not open for answers.');
        const already = await trx('survey_participants')
          .where({ survey_id: id, user_id: user.id })
          .first('survey_id');
        if (already) throw new AppError('conflict', 'You have already answered this survey.');
        const { problems, values } = checkAnswers(questionsOf(r), answers);
        if (Object.keys(problems).length) throw validationError(problems);
        await trx('survey_participants').insert({ survey_id: id, user_id: user.id });
        await trx('survey_answers').insert({
          token: randomBytes(16).toString('hex'),
          survey_id: id,
          answered_on: today(),
          answers_json: JSON.stringify(values),
        });
        // On a server, written again in key order, so neither the storage order nor the rows'
        // transaction id follows the order of answering (SQLite: WITHOUT ROWID does this).
        await storeInKeyOrder(trx, id);
      });
      // Until a checkpoint the write-ahead log holds the new pages in commit order; folding
      // it into the database now leaves no trace of which answer came when.
      await foldLog(db);
      return view(db, await row(db, id), user);
    },

    /** Aggregates only, once closed with MIN_ANSWERS answers or more — for anyone. */
    async results(id: number): Promise<SurveyResults> {
      const r = await row(db, id);
      const sets = (
        (await db('survey_answers').where({ survey_id: id }).select('answers_json')) as {
          answers_json: string;
        }[]
      ).map((a) => JSON.parse(a.answers_json) as AnswerValue[]);
      const held = resultsHeldBack(r.status, sets.length);
      if (held) throw new AppError('conflict', held);
      return {
        surveyId: id,
        title: r.title,
        status: r.status,
        answered: sets.length,
        questions: summarise(questionsOf(r), sets, cryptoShuffle),
      };
    },
  };
}

export type SurveysService = ReturnType<typeof makeSurveysService>;
