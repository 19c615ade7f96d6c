import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { DeletionResult } from '../../../../../shared/domain/privacy/deletion-plan';
import { useApiQuery } from '../../../api/queries';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../lib/dates';
import { navigate, useRoute } from '../../../lib/route';
import { ConfirmDeletionModal } from './ConfirmDeletionModal';
import { PlanView } from './PlanView';
import { parseChoice, usePeopleOptions, type PersonChoice } from './usePeopleOptions';

const VERDICT_TEXT = {
  complete: 'Everything held about them can be deleted now.',
  partial: 'Part can be deleted now; retention rules keep the rest until the dates shown.',
  refused: 'Nothing can be deleted yet: retention rules keep all of it until the dates shown.',
} as const;

/** Picks the person from the route (a deletion request links here) or the picker. */
function useChoice(): [PersonChoice | null, number | null, (value: string | null) => void] {
  const route = useRoute();
  const type = route.params.get('type');
  const id = route.params.get('id');
  const request = Number(route.params.get('request')) || null;
  const choice = parseChoice(type && id ? `${type}:${id}` : null);
  const choose = (value: string | null) => {
    const next = parseChoice(value);
    navigate(
      'privacy',
      { tab: 'deletion', type: next?.personType, id: next?.personId },
      { replace: true },
    );
  };
  return [choice, request, choose];
}

export function DeletionPanel() {
  const [choice, requestId, choose] = useChoice();
  const people = usePeopleOptions();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<DeletionResult | null>(null);

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <div>
          <Title order={3}>Delete a person&rsquo;s data</Title>
          <Text size="sm" c="dimmed">
            Rows are removed from the database, not hidden. What a retention rule keeps is deleted
            on the day the rule lapses. The audit trail keeps only a reference.
          </Text>
        </div>
        {result ? (
          <ResultView
            result={result}
            onDone={() => {
              setResult(null);
              choose(null);
            }}
          />
        ) : (
          <>
            <Group align="flex-end">
              <Select
                label="Person"
                placeholder={people.loading ? 'Loading…' : 'Choose a worker or supervisor'}
                data={people.groups}
                value={choice ? `${choice.personType}:${choice.personId}` : null}
                onChange={choose}
                searchable
                w={340}
              />
              {requestId && (
                <Text size="sm" c="dimmed" pb={8}>
                  For deletion request #{requestId}
                </Text>
              )}
            </Group>
            {choice && <PlanSection choice={choice} onDelete={() => setConfirming(true)} />}
          </>
        )}
      </Stack>
      {confirming && choice && (
        <ConfirmDeletionModal
          choice={choice}
          requestId={requestId}
          onClose={() => setConfirming(false)}
          onDone={(r) => {
            setConfirming(false);
            setResult(r);
          }}
        />
      )}
    </Paper>
  );
}

function PlanSection(props: { choice: PersonChoice; onDelete: () => void }) {
  const plan = useApiQuery('privacy.deletion.plan', props.choice);
  return (
    <QueryState query={plan}>
      {(p) => (
        <Stack gap="md">
          <Alert
            color={
              p.verdict === 'complete' ? 'teal' : p.verdict === 'partial' ? 'yellow' : 'orange'
            }
            variant="light"
            icon={p.verdict === 'refused' ? <IconAlertTriangle size={18} /> : undefined}
            title={p.person.name}
          >
            {VERDICT_TEXT[p.verdict]}
            {p.lastSupervisionOn && ` Last supervision: ${formatDate(p.lastSupervisionOn)}.`}
          </Alert>
          <PlanView
            deleteNow={p.deleteNow}
            retained={p.retained}
            anonymised={p.anonymised}
            goneFromBackupsBy={p.goneFromBackupsBy}
          />
          <Group justify="flex-end">
            <Button color="red" leftSection={<IconTrash size={16} />} onClick={props.onDelete}>
              {p.verdict === 'refused' ? 'Record the refusal and schedule…' : 'Delete…'}
            </Button>
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}

function ResultView(props: { result: DeletionResult; onDone: () => void }) {
  const r = props.result;
  return (
    <Stack gap="md" data-testid="deletion-result">
      <Alert
        color={r.verdict === 'complete' ? 'teal' : 'yellow'}
        variant="light"
        icon={<IconCircleCheck size={18} />}
        title={
          r.verdict === 'complete'
            ? 'Deleted'
            : r.verdict === 'partial'
              ? 'Partly deleted; the rest is scheduled'
              : 'Refused for now; scheduled'
        }
      >
        Reference <b>{r.personRef}</b> (kept in the audit trail and the requests register instead of
        their name).
        {r.scheduledFor.length > 0 &&
          ` Scheduled for ${r.scheduledFor.map((d) => formatDate(d)).join(', ')}.`}
        {r.requestId && ` Request #${r.requestId} is updated.`}
      </Alert>
      <PlanView
        deletedHeading="Deleted"
        deleteNow={r.deleteNow}
        retained={r.retained}
        anonymised={r.anonymised}
        goneFromBackupsBy={r.goneFromBackupsBy}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
