import { ActionIcon, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { ApiError, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { SelectField, TextareaField, TextField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import {
  MAX_QUESTIONS,
  QUESTION_KINDS,
  QUESTION_KIND_LABELS,
  type QuestionKind,
  type SurveyQuestion,
  type SurveyView,
} from '../../../../shared/domain/privacy/surveys';

interface QuestionForm {
  kind: QuestionKind;
  text: string;
  /** One option per line, for a single-choice question. */
  options: string;
}
interface EditorForm {
  title: string;
  questions: QuestionForm[];
}

const toForm = (q: SurveyQuestion): QuestionForm => ({
  kind: q.kind,
  text: q.text,
  options: q.kind === 'choice' ? q.options.join('\n') : '',
});
const fromForm = (q: QuestionForm): SurveyQuestion =>
  q.kind === 'choice'
    ? {
        kind: 'choice',
        text: q.text,
        options: q.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
      }
    : { kind: q.kind, text: q.text };

const KIND_OPTIONS = QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] }));

/** Write or change a draft survey: a title and 1–10 questions. */
export function SurveyEditor(props: { survey?: SurveyView; onClose: () => void }) {
  const { survey } = props;
  const create = useApiMutation('surveys.create');
  const update = useApiMutation('surveys.update');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EditorForm>({
    defaultValues: {
      title: survey?.title ?? '',
      questions: survey
        ? survey.questions.map(toForm)
        : [{ kind: 'rating', text: '', options: '' }],
    },
  });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const kinds = useWatch({ control: form.control, name: 'questions' }).map((q) => q.kind);

  /** Main's field paths onto the form's: an option's error belongs under the options box. */
  function showErrors(err: unknown) {
    if (!(err instanceof ApiError) || !err.fields) return setFormError(errorMessage(err));
    const leftover: string[] = [];
    for (const [path, message] of Object.entries(err.fields)) {
      const m = /^questions\.(\d+)\.(text|options|kind)/.exec(path);
      if (path === 'title') form.setError('title', { message });
      else if (m) form.setError(`questions.${Number(m[1])}.${m[2] as 'text'}`, { message });
      else leftover.push(message);
    }
    setFormError(leftover.length ? leftover.join(' ') : null);
  }

  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    form.clearErrors();
    const draft = { title: v.title, questions: v.questions.map(fromForm) };
    try {
      if (survey) await update.mutateAsync({ id: survey.id, ...draft });
      else await create.mutateAsync(draft);
      props.onClose();
    } catch (err) {
      showErrors(err);
    }
  });

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={survey ? 'Edit survey' : 'New survey'}
      submitLabel={survey ? 'Save draft' : 'Create draft'}
      submitting={create.isPending || update.isPending}
      onSubmit={(e) => void onSubmit(e)}
      error={formError}
      size="xl"
    >
      <TextField
        form={form}
        name="title"
        label="Title"
        data-autofocus
        placeholder="Supervision this autumn"
      />
      <Stack gap="sm">
        {questions.fields.map((field, i) => {
          const kind = kinds[i];
          return (
            <Paper key={field.id} withBorder radius="sm" p="sm" bg="gray.0">
              <Stack gap="xs">
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <Text fw={600} size="sm" mt={30} w={20}>
                    {i + 1}.
                  </Text>
                  <SelectField
                    form={form}
                    name={`questions.${i}.kind`}
                    label="Kind"
                    w={240}
                    data={KIND_OPTIONS}
                    allowDeselect={false}
                  />
                  <TextField
                    form={form}
                    name={`questions.${i}.text`}
                    label="Question"
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={28}
                    aria-label={`Remove question ${i + 1}`}
                    disabled={questions.fields.length === 1}
                    onClick={() => questions.remove(i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                {kind === 'choice' && (
                  <TextareaField
                    form={form}
                    name={`questions.${i}.options`}
                    ml={32}
                    label="Options"
                    description="One per line, 2 to 8."
                    autosize
                    minRows={2}
                  />
                )}
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={questions.fields.length >= MAX_QUESTIONS}
            onClick={() => questions.append({ kind: 'rating', text: '', options: '' })}
          >
            Add question
          </Button>
          <Text size="xs" c="dimmed">
            Up to {MAX_QUESTIONS} questions; at most one comment question.
          </Text>
        </Group>
      </Stack>
    </FormModal>
  );
}
