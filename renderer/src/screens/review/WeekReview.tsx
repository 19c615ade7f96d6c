import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import {
  IconArrowBackUp,
  IconChevronLeft,
  IconMessage,
  IconPencilExclamation,
  IconPlayerTrackNext,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useApiQuery, useSites, useSupervisors, useWeek, useWorkers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { CATEGORY_LABELS } from '../../lib/categories';
import { formatMinutes, type HourEntry, type WeekView } from '../../lib/domain';
import type { SignedEntry } from '../../../../shared/domain/weekly-logs';
import { formatDayShort, formatWeekRange } from '../../lib/dates';
import { fullName } from '../../lib/people';
import { navigate, routeHref } from '../../lib/route';
import { WeekTotals } from '../hours/WeekTotals';
import { AmendmentChanges } from './AmendmentChanges';
import { ApproveModal } from './ApproveModal';
import { ReturnModal } from './ReturnModal';
import { SignatureList, formatStamp } from './SignatureList';
import { WeekStatusBadge } from './WeekStatusBadge';

/** What a signature covers of an entry, as this screen shows it. */
const signedEntryOf = (e: HourEntry): SignedEntry => ({
  category: e.category,
  date: e.date,
  minutes: e.minutes,
  note: e.note,
  siteId: e.siteId,
  supervisorId: e.supervisorId,
});

/** One submitted week opened from the queue: its entries, totals and signatures, and the decision. */
export function WeekReview({ workerId, weekStart }: { workerId: number; weekStart: string }) {
  const user = useCurrentUser();
  const log = useApiQuery('weeks.get', { workerId, weekStart });
  const week = useWeek(workerId, weekStart);
  const workers = useWorkers();
  const queue = useApiQuery('weeks.queue', {});
  const [deciding, setDeciding] = useState<'approve' | 'approveNext' | 'return' | null>(null);
  // The queue's next week after this one (longest waiting first), for "Approve & next".
  const next = queue.data?.find((q) => q.workerId !== workerId || q.weekStart !== weekStart);
  const [nextOnDone, setNextOnDone] = useState<typeof next>(undefined);

  const worker = workers.data?.find((w) => w.id === workerId);
  const workerName = worker ? fullName(worker) : 'Worker';
  const data = log.data;
  const submitted = data?.status === 'submitted';
  const isAmendment = data?.signedBefore ?? false;
  const lastSignature = data?.signatures.at(-1);

  return (
    <>
      <Anchor href={routeHref('review')} size="sm" fw={600}>
        <Group gap={4} mb="xs">
          <IconChevronLeft size={15} aria-hidden /> Review queue
        </Group>
      </Anchor>
      <PageHeader
        title="Review"
        description={`${workerName} · week of ${formatWeekRange(weekStart)}`}
        action={
          submitted && (
            <>
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={17} />}
                onClick={() => setDeciding('return')}
              >
                Return
              </Button>
              {user.role === 'supervisor' && next && (
                <Button
                  variant="light"
                  leftSection={<IconPlayerTrackNext size={17} />}
                  onClick={() => {
                    setNextOnDone(next);
                    setDeciding('approveNext');
                  }}
                >
                  Approve &amp; next
                </Button>
              )}
              {user.role === 'supervisor' && (
                <Button
                  leftSection={<IconSignature size={17} />}
                  onClick={() => setDeciding('approve')}
                >
                  Approve
                </Button>
              )}
            </>
          )
        }
      />
      <QueryState query={log}>
        {(l) => (
          <Stack gap="md">
            <Paper withBorder radius="md" shadow="xs" px="md" py="sm">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="sm">
                  <Title order={2} fz="md" fw={650}>
                    {workerName}
                  </Title>
                  <WeekStatusBadge status={l.status} />
                  {isAmendment && l.status !== 'approved' && (
                    <Text size="sm" c="dimmed">
                      Amendment to version {l.version}
                    </Text>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {l.submittedAt
                    ? `Submitted ${formatStamp(l.submittedAt)}${l.submittedByName ? ` by ${l.submittedByName}` : ''}`
                    : 'Not submitted'}
                </Text>
              </Group>
            </Paper>
            {submitted && user.role === 'owner' && (
              <Alert variant="light" color="gray">
                Only the worker&rsquo;s supervisor signs a week. You may return it with a comment.
              </Alert>
            )}
            {isAmendment && l.amendmentReason && l.status !== 'approved' && (
              <Alert
                variant="light"
                color="yellow"
                icon={<IconPencilExclamation size={18} />}
                title="Reason for the amendment"
              >
                {l.amendmentReason}
              </Alert>
            )}
            {l.returnComment && (
              <Alert
                variant="light"
                color="orange"
                icon={<IconMessage size={18} />}
                title={`Returned ${l.returnedAt ? formatStamp(l.returnedAt) : ''}${l.returnedByName ? ` by ${l.returnedByName}` : ''}`}
              >
                {l.returnComment}
              </Alert>
            )}
            <Group align="flex-start" gap="md" wrap="nowrap">
              <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
                <QueryState query={week}>{(w) => <EntriesTable week={w} />}</QueryState>
                {l.status !== 'approved' && lastSignature && week.data?.weekStart === weekStart && (
                  <AmendmentChanges signature={lastSignature} current={week.data.entries} />
                )}
              </Stack>
              <Stack w={{ base: 290, lg: 330 }} gap="md" style={{ flexShrink: 0 }}>
                <WeekTotals week={week.data?.weekStart === weekStart ? week.data : undefined} />
                <SignatureList signatures={l.signatures} currentHash={l.currentHash} />
              </Stack>
            </Group>
          </Stack>
        )}
      </QueryState>

      {(deciding === 'approve' || deciding === 'approveNext') &&
        data &&
        week.data?.weekStart === weekStart && (
          <ApproveModal
            seen={{ submittedAt: data.submittedAt, entries: week.data.entries.map(signedEntryOf) }}
            workerId={workerId}
            workerName={workerName}
            weekStart={weekStart}
            totalMinutes={data.totalMinutes}
            isAmendment={isAmendment}
            onClose={() => setDeciding(null)}
            onDone={() => {
              setDeciding(null);
              if (deciding === 'approveNext' && nextOnDone)
                navigate('review', { worker: nextOnDone.workerId, week: nextOnDone.weekStart });
            }}
          />
        )}
      {deciding === 'return' && (
        <ReturnModal
          workerId={workerId}
          workerName={workerName}
          weekStart={weekStart}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            navigate('review');
          }}
        />
      )}
    </>
  );
}

function EntriesTable({ week }: { week: WeekView }) {
  const sites = useSites();
  const supervisors = useSupervisors();
  const siteName = (id: number) => sites.data?.find((s) => s.id === id)?.name ?? '—';
  const supervisorName = (id: number) => {
    const s = supervisors.data?.find((x) => x.id === id);
    return s ? fullName(s) : '—';
  };
  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Table aria-label="Entries" verticalSpacing="sm" horizontalSpacing="md" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Site · supervisor</Table.Th>
            <Table.Th ta="right">Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {week.entries.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed" py="md" ta="center">
                  No entries in this week.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {week.entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayShort(e.date)}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {CATEGORY_LABELS[e.category]}
                </Text>
                {e.note && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {e.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{siteName(e.siteId)}</Text>
                <Text size="xs" c="gray.7">
                  {supervisorName(e.supervisorId)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular" fw={650} style={{ whiteSpace: 'nowrap' }}>
                {formatMinutes(e.minutes)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
