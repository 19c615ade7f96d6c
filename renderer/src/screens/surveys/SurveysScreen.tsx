import { useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { OwnerSurveys } from './OwnerSurveys';
import { RespondentSurveys } from './RespondentSurveys';

/**
 * Anonymous surveys. The owner writes, opens and closes them and sees results in aggregate once
 * 5 people have answered; workers and supervisors who agreed to surveys answer each one once.
 */
export function SurveysScreen() {
  const user = useCurrentUser();
  const owner = user.role === 'owner';
  return (
    <>
      <PageHeader
        title="Surveys"
        description={
          owner
            ? 'Short anonymous surveys. Answers are stored without who gave them, and results show only once the survey is closed with 5 or more answers.'
            : 'Short anonymous surveys from the practice. Your answers are stored without your name, and nobody sees them one by one.'
        }
      />
      {owner ? <OwnerSurveys /> : <RespondentSurveys />}
    </>
  );
}
