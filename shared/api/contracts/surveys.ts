import { z } from 'zod';
import {
  MAX_COMMENT,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  type SurveyList,
  type SurveyResults,
  type SurveyView,
} from '../../domain/privacy/surveys.js';
import {
  ANY_ROLE,
  OWNER,
  result,
  withId,
  type ContractEntry,
  type Role,
  ownerWrite,
} from '../contract-kit.js';
import * as f from '../fields.js';

const questionText = () => f.name(300);
const question = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('rating'), text: questionText() }).strict(),
    z
      .object({
        kind: z.literal('choice'),
        text: questionText(),
        options: z
          .array(f.name(100), { error: 'List the options' })
          .min(2, { error: 'Give at least 2 options' })
          .max(MAX_OPTIONS, { error: `At most ${MAX_OPTIONS} options` }),
      })
      .strict(),
    z.object({ kind: z.literal('comment'), text: questionText() }).strict(),
  ],
  { error: 'Choose rating, single choice or comment' },
);

const draft = {
  title: f.name(200),
  questions: z
    .array(question, { error: 'Add the questions' })
    .min(1, { error: 'Add at least one question' })
    .max(MAX_QUESTIONS, { error: `At most ${MAX_QUESTIONS} questions` }),
};

/** Who answers: people with a record of their own (the owner runs surveys, not answers them). */
const RESPONDENTS: readonly Role[] = ['supervisor', 'worker'];

/** Anonymous surveys (main/services/privacy/surveys.ts says how answers stay unlinked). */
export const surveysContract = {
  'surveys.list': {
    reads: ['consents', 'survey_answers', 'survey_participants', 'surveys'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<SurveyList>(),
  },
  'surveys.create': ownerWrite(['surveys'], z.object(draft).strict(), result<SurveyView>()),
  'surveys.update': ownerWrite(['surveys'], withId(draft), result<SurveyView>()),
  'surveys.delete': ownerWrite(
    ['survey_answers', 'survey_participants', 'surveys'],
    z.object({ id: f.id() }).strict(),
    result<{ id: number }>(),
  ),
  'surveys.open': ownerWrite(['surveys'], z.object({ id: f.id() }).strict(), result<SurveyView>()),
  'surveys.close': ownerWrite(['surveys'], z.object({ id: f.id() }).strict(), result<SurveyView>()),
  'surveys.answer': {
    changes: ['survey_answers', 'survey_participants'],
    freeText: ['answers'],
    input: withId({
      answers: z
        .array(
          z.union([
            z.number({ error: 'Choose an answer' }).int({ error: 'Choose an answer' }),
            f.textField({ max: MAX_COMMENT, multiline: true }),
            z.null(),
          ]),
          { error: 'Answer the questions' },
        )
        .max(MAX_QUESTIONS, { error: `At most ${MAX_QUESTIONS} answers` }),
    }),
    roles: RESPONDENTS,
    result: result<SurveyView>(),
  },
  'surveys.results': {
    reads: ['survey_answers', 'surveys'],
    input: z.object({ id: f.id() }).strict(),
    roles: OWNER,
    result: result<SurveyResults>(),
  },
} as const satisfies Record<string, ContractEntry>;
