import { Divider, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { MIN_ANSWERS, type QuestionResult } from '../../../../shared/domain/privacy/surveys';

function Bar(props: { label: string; count: number; of: number }) {
  const pct = props.of ? Math.round((props.count / props.of) * 100) : 0;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" w={160} truncate>
        {props.label}
      </Text>
      <Progress value={pct} style={{ flex: 1 }} size="lg" radius="sm" aria-label={props.label} />
      <Text size="sm" w={80} ta="right" className="tabular">
        {props.count} ({pct} %)
      </Text>
    </Group>
  );
}

function QuestionBlock({ q, answered }: { q: QuestionResult; answered: number }) {
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {q.text}
      </Text>
      {q.kind === 'rating' && (
        <>
          <Text size="sm" c="dimmed">
            Mean {q.mean.toFixed(2)} out of 5
          </Text>
          {q.counts.map((n, i) => (
            <Bar key={i} label={`${i + 1} ${'★'.repeat(i + 1)}`} count={n} of={answered} />
          ))}
        </>
      )}
      {q.kind === 'choice' &&
        q.options.map((o) => <Bar key={o.label} label={o.label} count={o.count} of={answered} />)}
      {q.kind === 'comment' &&
        (q.comments ? (
          <>
            <Text size="xs" c="dimmed">
              {q.count} comments, in random order.
            </Text>
            <List size="sm" spacing={4}>
              {q.comments.map((c, i) => (
                <List.Item key={i}>{c}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Comments appear once {MIN_ANSWERS} people have written one ({q.count} so far).
          </Text>
        ))}
    </Stack>
  );
}

/** Aggregate results; mounted only once resultsHeldBack allows them (main applies the same rule). */
export function SurveyResultsPanel(props: { surveyId: number; answered: number }) {
  const query = useApiQuery('surveys.results', { id: props.surveyId });
  return (
    <Stack gap="md" mt="md" data-testid="survey-results">
      <Divider label={`Results from ${props.answered} answers`} labelPosition="left" />
      <QueryState query={query}>
        {(r) => (
          <Stack gap="lg">
            {r.questions.map((q, i) => (
              <QuestionBlock key={i} q={q} answered={r.answered} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
