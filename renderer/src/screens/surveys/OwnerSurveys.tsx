import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconClipboardList, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Empty } from '../../components/Empty';
import { QueryState } from '../../components/QueryState';
import { resultsHeldBack, type SurveyView } from '../../../../shared/domain/privacy/surveys';
import { SurveyEditor } from './SurveyEditor';
import { SurveyResultsPanel } from './SurveyResultsPanel';
import { SurveyStatusBadge } from './SurveyStatusBadge';

type Pending = { kind: 'open' | 'close' | 'delete'; survey: SurveyView } | null;

const CONFIRM = {
  open: {
    title: 'Open this survey?',
    text: 'Workers and supervisors who agreed to surveys can answer it. Its questions cannot be changed once it is open.',
    label: 'Open survey',
    color: 'brand',
  },
  close: {
    title: 'Close this survey?',
    text: 'Nobody can answer it after this. Its results appear now if 5 or more people answered.',
    label: 'Close survey',
    color: 'red',
  },
  delete: {
    title: 'Delete this draft?',
    text: 'The draft and its questions are removed.',
    label: 'Delete draft',
    color: 'red',
  },
} as const;

/** The results, or why they are held back (main refuses them on the same rule). */
function ResultsOrWhyNot({ survey }: { survey: SurveyView }) {
  const answered = survey.answered ?? 0;
  const held = resultsHeldBack(survey.status, answered);
  return held === null ? (
    <SurveyResultsPanel surveyId={survey.id} answered={answered} />
  ) : (
    <Text size="sm" mt="md" c="dimmed" data-testid="results-waiting">
      {held}
    </Text>
  );
}

export function OwnerSurveys() {
  const query = useApiQuery('surveys.list', {});
  const [editing, setEditing] = useState<SurveyView | 'new' | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const open = useApiMutation('surveys.open');
  const close = useApiMutation('surveys.close');
  const remove = useApiMutation('surveys.delete');
  const busy = open.isPending || close.isPending || remove.isPending;

  async function confirm() {
    if (!pending) return;
    const m = pending.kind === 'open' ? open : pending.kind === 'close' ? close : remove;
    try {
      await m.mutateAsync({ id: pending.survey.id });
      setPending(null);
    } catch (err) {
      notify({ color: 'red', title: 'Not done', message: errorMessage(err) });
    }
  }

  return (
    <Stack gap="lg">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New survey
        </Button>
      </Group>
      <QueryState query={query}>
        {(list) =>
          list.surveys.length === 0 ? (
            <Empty
              icon={<IconClipboardList size={28} />}
              title="No surveys yet"
              description="Write a short survey — for example how useful supervision is — and open it when it is ready."
            />
          ) : (
            <Stack gap="md">
              {list.surveys.map((s) => (
                <Paper
                  key={s.id}
                  withBorder
                  radius="md"
                  shadow="xs"
                  p="lg"
                  component="section"
                  aria-label={s.title}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={4}>
                      <Group gap="sm">
                        <Title order={2} fz="lg" fw={650}>
                          {s.title}
                        </Title>
                        <SurveyStatusBadge status={s.status} />
                      </Group>
                      <Text size="sm" c="dimmed">
                        {s.questions.length} question{s.questions.length === 1 ? '' : 's'}
                        {s.openedOn ? ` · opened ${s.openedOn}` : ''}
                        {s.closedOn ? ` · closed ${s.closedOn}` : ''}
                        {s.status !== 'draft' ? ` · ${s.answered ?? 0} answered` : ''}
                      </Text>
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      {s.status === 'draft' && (
                        <>
                          <Button variant="default" size="xs" onClick={() => setEditing(s)}>
                            Edit
                          </Button>
                          <Button
                            variant="default"
                            size="xs"
                            color="red"
                            onClick={() => setPending({ kind: 'delete', survey: s })}
                          >
                            Delete
                          </Button>
                          <Button size="xs" onClick={() => setPending({ kind: 'open', survey: s })}>
                            Open
                          </Button>
                        </>
                      )}
                      {s.status === 'open' && (
                        <Button
                          variant="default"
                          size="xs"
                          onClick={() => setPending({ kind: 'close', survey: s })}
                        >
                          Close
                        </Button>
                      )}
                    </Group>
                  </Group>
                  {s.status !== 'draft' && <ResultsOrWhyNot survey={s} />}
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {editing && (
        <SurveyEditor
          survey={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? CONFIRM[pending.kind].title : ''}
        confirmLabel={pending ? CONFIRM[pending.kind].label : ''}
        color={pending ? CONFIRM[pending.kind].color : undefined}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
        busy={busy}
      >
        {pending ? CONFIRM[pending.kind].text : ''}
      </ConfirmDialog>
    </Stack>
  );
}
