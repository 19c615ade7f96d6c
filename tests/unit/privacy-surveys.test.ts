import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  questionProblems,
  summarise,
  waitingMessage,
  type SurveyQuestion,
} from '../../shared/domain/privacy/surveys.js';

const questions: SurveyQuestion[] = [
  { kind: 'rating', text: 'How useful is supervision?' },
  { kind: 'choice', text: 'How often?', options: ['Weekly', 'Monthly', 'Rarely'] },
  { kind: 'comment', text: 'Anything else?' },
];

describe('questionProblems', () => {
  it('accepts ratings, choices and one comment', () => {
    expect(questionProblems(questions)).toEqual({});
  });
  it('needs a rating or choice question and at most one comment', () => {
    expect(questionProblems([{ kind: 'comment', text: 'Only words?' }]).questions).toMatch(
      /at least one rating or choice/,
    );
    expect(
      questionProblems([...questions, { kind: 'comment', text: 'Another?' }]).questions,
    ).toMatch(/at most one comment/);
  });
  it('names a repeated option by its place', () => {
    expect(
      questionProblems([{ kind: 'choice', text: 'Q', options: ['Yes', 'No', ' yes'] }]),
    ).toEqual({ 'questions.0.options.2': 'This option is listed twice' });
  });
});

describe('checkAnswers', () => {
  it('accepts a full answer and stores a blank comment as null', () => {
    expect(checkAnswers(questions, [4, 2, '   '])).toEqual({ problems: {}, values: [4, 2, null] });
    expect(checkAnswers(questions, [1, 0, ' Fine. '])).toEqual({
      problems: {},
      values: [1, 0, 'Fine.'],
    });
  });
  it('names each wrong answer', () => {
    expect(checkAnswers(questions, [6, 3, 5]).problems).toEqual({
      'answers.0': 'Choose a rating from 1 to 5',
      'answers.1': 'Choose one of the options',
      'answers.2': 'Must be text',
    });
    expect(checkAnswers(questions, [null, null, null]).problems).toEqual({
      'answers.0': 'Choose a rating from 1 to 5',
      'answers.1': 'Choose one of the options',
    });
    expect(checkAnswers(questions, [3]).problems).toEqual({
      answers: 'Answer each of the 3 questions',
    });
    expect(checkAnswers(questions, [3, 1, 'x'.repeat(1001)]).problems).toEqual({
      'answers.2': 'At most 1000 characters',
    });
  });
});

describe('summarise', () => {
  const reverse = <T>(items: T[]) => items.reverse();
  it('counts ratings and options, gives the mean, and shuffles comments once there are 5', () => {
    const sets = [
      [5, 0, 'a'],
      [4, 0, 'b'],
      [4, 1, null],
      [2, 2, 'c'],
      [5, 0, 'd'],
      [3, 1, 'e'],
    ];
    const [rating, choice, comment] = summarise(questions, sets, reverse);
    expect(rating).toEqual({
      kind: 'rating',
      text: questions[0]?.text,
      counts: [0, 1, 1, 2, 2],
      mean: 3.83,
    });
    expect(choice).toMatchObject({
      options: [
        { label: 'Weekly', count: 3 },
        { label: 'Monthly', count: 2 },
        { label: 'Rarely', count: 1 },
      ],
    });
    expect(comment).toMatchObject({ count: 5, comments: ['e', 'd', 'c', 'b', 'a'] });
  });
  it('withholds comments while fewer than 5 were written', () => {
    const sets = [
      [5, 0, 'only one'],
      [4, 0, null],
      [4, 1, null],
      [2, 2, null],
      [5, 0, null],
    ];
    expect(summarise(questions, sets, reverse)[2]).toMatchObject({ count: 1, comments: null });
  });
  it('says how many have answered while results are held back', () => {
    expect(waitingMessage(3)).toBe('Results appear once 5 people have answered (3 so far).');
  });
});
