import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconFileTypePdf, IconJson } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { PersonType } from '../../../../shared/domain/privacy/people';
import { api, errorMessage } from '../../api/client';
import { useApiQuery, useSupervisors, useWorkers } from '../../api/queries';
import { DisclosureFields, useDisclosure } from '../../components/DisclosureFields';
import { DisclosuresTable } from '../../components/DisclosuresTable';
import { QueryState } from '../../components/QueryState';
import { downloadFile } from '../../lib/download';
import { fullName, sortName } from '../../lib/people';
import { TaskProgress } from '../reports/TaskProgress';
import { useProgress } from '../reports/useProgress';
import { YearlyDisclosures } from './YearlyDisclosures';

/**
 * The owner's side of access requests: a person's full record as JSON (the documented format)
 * or a readable PDF, each recorded as a disclosure, and the disclosures of that person; then
 * the yearly report of every disclosure.
 */
export function RecordsTab() {
  return (
    <Stack gap="lg">
      <PersonRecordPanel />
      <YearlyDisclosures />
    </Stack>
  );
}

function PersonRecordPanel() {
  const workers = useWorkers();
  const supervisors = useSupervisors();
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const progress = useProgress(['person-record'], busy !== null);
  const disclosure = useDisclosure();

  const options = useMemo(
    () => [
      {
        group: 'Workers',
        items: [...(workers.data ?? [])]
          .sort((a, b) => sortName(a).localeCompare(sortName(b)))
          .map((w) => ({ value: `worker:${w.id}`, label: fullName(w) })),
      },
      {
        group: 'Supervisors',
        items: [...(supervisors.data ?? [])]
          .sort((a, b) => sortName(a).localeCompare(sortName(b)))
          .map((s) => ({ value: `supervisor:${s.id}`, label: fullName(s) })),
      },
    ],
    [workers.data, supervisors.data],
  );
  const person = picked
    ? {
        personType: picked.split(':')[0] as PersonType,
        personId: Number(picked.split(':')[1]),
      }
    : null;
  const name = options.flatMap((g) => g.items).find((o) => o.value === picked)?.label ?? '';

  async function exportRecord(format: 'json' | 'pdf') {
    if (!person) return;
    setBusy(format);
    try {
      const file = await api.call('privacy.exportRecord', {
        ...person,
        format,
        ...disclosure.value,
      });
      downloadFile(file);
      notify({
        color: 'teal',
        message: `${file.fileName} is ready; the disclosure is recorded.`,
      });
    } catch (err) {
      notify({
        color: 'red',
        title: 'Could not export the record',
        message: disclosure.takeErrors(err)
          ? 'Say who the record is for and why.'
          : errorMessage(err),
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            A person's full record
          </Title>
          <Text size="sm" c="dimmed">
            Everything held about one worker or supervisor, for an access request or another lawful
            disclosure. JSON follows the documented person-record schema; the PDF is for reading.
            Each export is recorded in the disclosure log, which the person can see.
          </Text>
        </div>
        <Select
          label="Person"
          placeholder="Choose a worker or supervisor"
          data={options}
          value={picked}
          onChange={setPicked}
          searchable
          maw={420}
        />
        <DisclosureFields
          value={disclosure.value}
          onChange={disclosure.onChange}
          errors={disclosure.errors}
          disabled={busy !== null}
        />
        <Group>
          <Button
            leftSection={<IconJson size={18} />}
            disabled={!person || busy !== null}
            loading={busy === 'json'}
            onClick={() => void exportRecord('json')}
          >
            Export record as JSON
          </Button>
          <Button
            variant="light"
            leftSection={<IconFileTypePdf size={18} />}
            disabled={!person || busy !== null}
            loading={busy === 'pdf'}
            onClick={() => void exportRecord('pdf')}
          >
            Export record as PDF
          </Button>
        </Group>
        {busy && (
          <TaskProgress
            label={`Making the record's ${busy.toUpperCase()} file`}
            progress={progress}
            cancel="person-record"
          />
        )}
        {person && <PersonDisclosures person={person} name={name} />}
      </Stack>
    </Paper>
  );
}

function PersonDisclosures(props: {
  person: { personType: PersonType; personId: number };
  name: string;
}) {
  const query = useApiQuery('privacy.disclosures.list', props.person);
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        Disclosures of {props.name}'s data
      </Title>
      <QueryState query={query}>
        {(rows) => <DisclosuresTable rows={rows} label={`Disclosures of ${props.name}'s data`} />}
      </QueryState>
    </Stack>
  );
}
