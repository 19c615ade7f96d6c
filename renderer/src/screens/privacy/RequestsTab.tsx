import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../../../../shared/domain/privacy/people';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type PrivacyRequestView,
} from '../../../../shared/domain/privacy/requests';
import { api, errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { downloadFile } from '../../lib/download';
import { navigate } from '../../lib/route';
import { todayIso } from '../../lib/dates';
import { DecideModal } from './requests/DecideModal';
import { RegisterModal } from './requests/RegisterModal';
import { RequestList } from './requests/RequestBits';

type Kind = (typeof REQUEST_KINDS)[number];
type Status = (typeof REQUEST_STATUSES)[number];

/** The owner's register of access, correction and deletion requests, and its yearly report. */
export function RequestsTab() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [status, setStatus] = useState<Status | null>('open');
  const [kind, setKind] = useState<Kind | null>(null);
  const [year, setYear] = useState<number>(thisYear);
  const [registering, setRegistering] = useState(false);
  const [deciding, setDeciding] = useState<PrivacyRequestView | null>(null);
  const list = useApiQuery('privacy.requests.list', {
    status: status ?? undefined,
    kind: kind ?? undefined,
    year,
  });
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));

  const actions = (r: PrivacyRequestView) =>
    r.status !== 'open' ? null : r.kind === 'deletion' ? (
      <Button variant="light" onClick={() => navigate('privacy', { tab: 'deletion' })}>
        Open in Deletion
      </Button>
    ) : (
      <Button onClick={() => setDeciding(r)}>Decide</Button>
    );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select
            label="Status"
            w={170}
            clearable
            placeholder="Any status"
            data={REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))}
            value={status}
            onChange={(v) => setStatus(v as Status | null)}
          />
          <Select
            label="Kind"
            w={160}
            clearable
            placeholder="Any kind"
            data={REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => setKind(v as Kind | null)}
          />
          <Select
            label="Year received"
            w={130}
            allowDeselect={false}
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
          />
        </Group>
        <Button leftSection={<IconPlus size={17} />} onClick={() => setRegistering(true)}>
          Register a request
        </Button>
      </Group>
      <RequestList
        query={list}
        empty={{
          title: 'No requests match',
          description:
            'Requests people file from My data, and those you register on their behalf, appear here.',
        }}
        showPerson
        actions={actions}
      />
      <YearlyReport year={year} />
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
      {deciding && <DecideModal request={deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

function YearlyReport({ year }: { year: number }) {
  const report = useApiQuery('privacy.requests.yearly', { year });
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const download = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    try {
      downloadFile(await api.call('privacy.requests.yearlyFile', { year, format }));
    } catch (err) {
      notify({ title: 'Not produced', message: errorMessage(err), color: 'red' });
    }
    setBusy(null);
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="yearly-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="yearly-title">
          Report for {year}
        </Title>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDownload size={17} />}
            loading={busy === 'csv'}
            onClick={() => void download('csv')}
          >
            CSV
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={17} />}
            loading={busy === 'pdf'}
            onClick={() => void download('pdf')}
          >
            PDF
          </Button>
        </Group>
      </Group>
      <QueryState query={report}>
        {(r) => (
          <SimpleGrid cols={{ base: 1, xl: 2 }}>
            <Table withTableBorder striped aria-label={`Requests in ${year} by kind and outcome`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  {REQUEST_STATUSES.map((s) => (
                    <Table.Th key={s} ta="right">
                      {REQUEST_STATUS_LABELS[s]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {REQUEST_KINDS.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td>{REQUEST_KIND_LABELS[k]}</Table.Td>
                    {REQUEST_STATUSES.map((s) => (
                      <Table.Td key={s} ta="right">
                        {r.counts[k][s]}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Stack gap={4}>
              <Text size="sm">
                <b>{r.total}</b> requests received in {year}
              </Text>
              <Text size="sm">
                Median days to decision:{' '}
                <b>
                  {r.medianDaysToDecision === null ? 'no decisions yet' : r.medianDaysToDecision}
                </b>
              </Text>
              <Text size="xs" c="dimmed">
                The report lists requests by number and kind of person only; it names no one.
              </Text>
            </Stack>
          </SimpleGrid>
        )}
      </QueryState>
    </Paper>
  );
}
