import { MIN_GROUP_PEOPLE } from './aggregate.js';

/**
 * Anonymous surveys: the questions, the checks on an answer, and the aggregate results. Pure,
 * so the rules are unit-tested; main/services/privacy/surveys.ts stores and reads them.
 */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 8;
export const MAX_COMMENT = 1000;
/** Results, and comments, appear only once this many people have answered. */
export const MIN_ANSWERS = MIN_GROUP_PEOPLE;

export const QUESTION_KINDS = ['rating', 'choice', 'comment'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  rating: 'Rating 1 to 5',
  choice: 'Single choice',
  comment: 'Comment (free text, optional)',
};

export type SurveyQuestion =
  | { kind: 'rating'; text: string }
  | { kind: 'choice'; text: string; options: string[] }
  | { kind: 'comment'; text: string };

/** One answer per question, in question order: 1–5, an option's index, or a comment or null. */
export type AnswerValue = number | string | null;

export interface SurveyView {
  id: number;
  title: string;
  questions: SurveyQuestion[];
  status: SurveyStatus;
  openedOn: string | null;
  closedOn: string | null;
  /** How many have answered: for the owner only (null for everyone else). */
  answered: number | null;
  /** Whether the caller has answered (always false for the owner, who does not answer). */
  answeredByMe: boolean;
}

export interface SurveyList {
  /** Whether the caller is among those asked: a worker or supervisor who agreed to surveys. */
  canAnswer: boolean;
  /** Why not, in words, when canAnswer is false and the caller is not the owner. */
  notInvitedReason: string | null;
  surveys: SurveyView[];
}

export type QuestionResult =
  | { kind: 'rating'; text: string; counts: number[]; mean: number }
  | { kind: 'choice'; text: string; options: { label: string; count: number }[] }
  | {
      kind: 'comment';
      text: string;
      /** Non-blank comments given. */
      count: number;
      /** In random order; null while fewer than MIN_ANSWERS comments were given. */
      comments: string[] | null;
    };

export interface SurveyResults {
  surveyId: number;
  title: string;
  status: SurveyStatus;
  answered: number;
  questions: QuestionResult[];
}

export const waitingMessage = (answered: number): string =>
  `Results appear once ${MIN_ANSWERS} people have answered (${answered} so far).`;

/**
 * Why a survey's results are not shown yet, or null once they may be. Only a closed survey
 * shows them: while answers still arrive, comparing the results before and after someone
 * answered would reveal that person's answers, however many answered before.
 */
export function resultsHeldBack(status: SurveyStatus, answered: number): string | null {
  if (status === 'open') {
    const needed = answered < MIN_ANSWERS ? `; at least ${MIN_ANSWERS} are needed` : '';
    return `Results appear when the survey is closed, so no one's answers can be told from the change they make (${answered} answered so far${needed}).`;
  }
  return answered < MIN_ANSWERS ? waitingMessage(answered) : null;
}

/**
 * Checks a survey's questions beyond their shape: at least one rating or choice question, at
 * most one comment question, and distinct options. Errors are keyed like dispatch's field paths.
 */
export function questionProblems(questions: readonly SurveyQuestion[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!questions.some((q) => q.kind !== 'comment'))
    problems.questions = 'Add at least one rating or choice question';
  if (questions.filter((q) => q.kind === 'comment').length > 1)
    problems.questions = 'Add at most one comment question';
  questions.forEach((q, i) => {
    if (q.kind !== 'choice') return;
    const seen = new Set<string>();
    q.options.forEach((o, j) => {
      const key = o.trim().toLowerCase();
      if (seen.has(key)) problems[`questions.${i}.options.${j}`] = 'This option is listed twice';
      seen.add(key);
    });
  });
  return problems;
}

/**
 * Checks one person's answers against the questions: every rating and choice answered, in
 * range; a comment optional. Returns field errors keyed `answers.<n>`, empty when fine, and the
 * values to store (comments trimmed, blank comments as null).
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: readonly AnswerValue[],
): { problems: Record<string, string>; values: AnswerValue[] } {
  const problems: Record<string, string> = {};
  if (answers.length !== questions.length) {
    problems.answers = `Answer each of the ${questions.length} questions`;
    return { problems, values: [] };
  }
  const values = questions.map((q, i): AnswerValue => {
    const a = answers[i] ?? null;
    const field = `answers.${i}`;
    if (q.kind === 'rating') {
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 1 || a > 5)
        problems[field] = 'Choose a rating from 1 to 5';
      return a;
    }
    if (q.kind === 'choice') {
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= q.options.length)
        problems[field] = 'Choose one of the options';
      return a;
    }
    if (a === null) return null;
    if (typeof a !== 'string') {
      problems[field] = 'Must be text';
      return null;
    }
    const text = a.trim();
    if (text.length > MAX_COMMENT) problems[field] = `At most ${MAX_COMMENT} characters`;
    return text === '' ? null : text;
  });
  return { problems, values };
}

/**
 * The aggregate of every stored answer set. `shuffle` puts comments in an order unrelated to
 * how they were stored (the service passes a cryptographic one).
 */
export function summarise(
  questions: readonly SurveyQuestion[],
  answerSets: readonly AnswerValue[][],
  shuffle: <T>(items: T[]) => T[],
): QuestionResult[] {
  return questions.map((q, i): QuestionResult => {
    const values = answerSets.map((s) => s[i] ?? null);
    if (q.kind === 'rating') {
      const ratings = values.filter((v): v is number => typeof v === 'number');
      const counts = [1, 2, 3, 4, 5].map((n) => ratings.filter((r) => r === n).length);
      const mean = ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : 0;
      return { kind: 'rating', text: q.text, counts, mean: Math.round(mean * 100) / 100 };
    }
    if (q.kind === 'choice') {
      return {
        kind: 'choice',
        text: q.text,
        options: q.options.map((label, j) => ({
          label,
          count: values.filter((v) => v === j).length,
        })),
      };
    }
    const comments = values.filter((v): v is string => typeof v === 'string' && v !== '');
    return {
      kind: 'comment',
      text: q.text,
      count: comments.length,
      comments: comments.length >= MIN_ANSWERS ? shuffle([...comments]) : null,
    };
  });
}
