import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import {
  MAX_COMMENT,
  type AnswerValue,
  type SurveyView,
} from '../../../../shared/domain/privacy/surveys';
import { ErrorAlert } from '../../components/ErrorAlert';

const RATINGS = ['1', '2', '3', '4', '5'];

/** One open survey: its questions, or the note that the caller has answered it. */
export function AnswerCard({ survey }: { survey: SurveyView }) {
  const answer = useApiMutation('surveys.answer');
  const [values, setValues] = useState<AnswerValue[]>(() => survey.questions.map(() => null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (i: number, v: AnswerValue) =>
    setValues((old) => old.map((o, j) => (j === i ? v : o)));

  async function submit() {
    setErrors({});
    setFormError(null);
    try {
      await answer.mutateAsync({ id: survey.id, answers: values });
    } catch (err) {
      if (err instanceof ApiError && err.fields) setErrors(err.fields);
      setFormError(errorMessage(err));
    }
  }

  return (
    <Paper withBorder radius="md" shadow="xs" p="lg" component="section" aria-label={survey.title}>
      <Title order={2} fz="lg" fw={650} mb="xs">
        {survey.title}
      </Title>
      {survey.answeredByMe ? (
        <Alert
          variant="light"
          color="teal"
          icon={<IconCircleCheck size={18} />}
          title="You answered this survey"
        >
          Thank you. Your answers are stored without your name; the practice sees them only added up
          with at least 4 other people's.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="lg">
            <Text size="sm" c="dimmed">
              Anonymous: nothing links your answers to you. You can answer once.
            </Text>
            {survey.questions.map((q, i) => {
              const error = errors[`answers.${i}`];
              return (
                <Stack key={i} gap={6}>
                  <Text fw={600} size="sm" id={`q-${survey.id}-${i}`}>
                    {i + 1}. {q.text}
                  </Text>
                  {q.kind === 'rating' && (
                    <Group gap="sm">
                      <Text size="xs" c="dimmed">
                        Poor
                      </Text>
                      <SegmentedControl
                        aria-labelledby={`q-${survey.id}-${i}`}
                        data={RATINGS}
                        value={values[i] === null ? '' : String(values[i])}
                        onChange={(v) => set(i, Number(v))}
                      />
                      <Text size="xs" c="dimmed">
                        Excellent
                      </Text>
                    </Group>
                  )}
                  {q.kind === 'choice' && (
                    <Radio.Group
                      aria-labelledby={`q-${survey.id}-${i}`}
                      value={values[i] === null ? '' : String(values[i])}
                      onChange={(v) => set(i, Number(v))}
                    >
                      <Stack gap={6}>
                        {q.options.map((o, j) => (
                          <Radio key={j} value={String(j)} label={o} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  )}
                  {q.kind === 'comment' && (
                    <Textarea
                      aria-labelledby={`q-${survey.id}-${i}`}
                      description="Optional. Please leave out names and anything that identifies you or a client."
                      autosize
                      minRows={2}
                      maxLength={MAX_COMMENT}
                      value={typeof values[i] === 'string' ? (values[i] as string) : ''}
                      onChange={(e) => set(i, e.currentTarget.value || null)}
                    />
                  )}
                  {error && (
                    <Text size="xs" c="red" role="alert">
                      {error}
                    </Text>
                  )}
                </Stack>
              );
            })}
            {formError && Object.keys(errors).length === 0 && (
              <ErrorAlert title="Not sent">{formError}</ErrorAlert>
            )}
            <Group>
              <Button type="submit" loading={answer.isPending}>
                Send answers
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
