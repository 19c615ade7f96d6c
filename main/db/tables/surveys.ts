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
