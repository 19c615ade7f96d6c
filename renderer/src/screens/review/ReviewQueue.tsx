import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconChecklist, IconChevronRight, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { ImportDecisionsModal } from '../offline-review/ImportDecisionsModal';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReviewQueueItem } from '../../../../shared/domain/weekly-logs';
import { useApiQuery } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatMinutes } from '../../lib/domain';
import { formatWeekRange } from '../../lib/dates';
import { routeHref } from '../../lib/route';
import { formatStamp } from './SignatureList';

/** A week unsigned this long is flagged (the dashboards warn at the same age). */
const OVERDUE_DAYS = 14;

const col = createColumnHelper<ReviewQueueItem>();

const columns = [
  col.accessor('workerName', {
    header: 'Worker',
    cell: (c) => (
      <Text size="sm" fw={600}>
        {c.getValue()}
      </Text>
    ),
  }),
  col.accessor('weekStart', {
    header: 'Week',
    cell: (c) => (
      <Group gap={6} wrap="nowrap">
        <span className="tabular">{formatWeekRange(c.getValue())}</span>
        {c.row.original.isAmendment && (
          <Badge size="sm" color="yellow" variant="light" radius="sm">
            Amendment
          </Badge>
        )}
        {!c.row.original.isAmendment && c.row.original.returnComment && (
          <Badge size="sm" color="gray" variant="light" radius="sm">
            Resubmitted
          </Badge>
        )}
      </Group>
    ),
  }),
  col.accessor('totalMinutes', {
    header: 'Hours',
    meta: { align: 'right' },
    cell: (c) => <span className="tabular">{formatMinutes(c.getValue())}</span>,
  }),
  col.accessor('submittedAt', {
    header: 'Submitted',
    cell: (c) => (
      <Stack gap={0}>
        <Text size="sm">{formatStamp(c.getValue())}</Text>
        {c.row.original.submittedByName && (
          <Text size="xs" c="dimmed">
            by {c.row.original.submittedByName}
          </Text>
        )}
      </Stack>
    ),
  }),
  col.accessor('daysWaiting', {
    header: 'Waiting',
    meta: { align: 'right' },
    cell: (c) => {
      const days = c.getValue();
      return (
        <Text
          size="sm"
          className="tabular"
          c={days > OVERDUE_DAYS ? 'red.7' : undefined}
          fw={days > OVERDUE_DAYS ? 650 : undefined}
        >
          {days === 0 ? 'Today' : days === 1 ? '1 day' : `${days} days`}
        </Text>
      );
    },
  }),
  col.display({
    id: 'open',
    header: () => <span className="visually-hidden">Open</span>,
    meta: { align: 'right', width: 110 },
    cell: (c) => (
      <Button
        component="a"
        size="xs"
        variant="light"
        rightSection={<IconChevronRight size={14} />}
        href={routeHref('review', {
          worker: c.row.original.workerId,
          week: c.row.original.weekStart,
        })}
        aria-label={`Review ${c.row.original.workerName}, week of ${formatWeekRange(c.row.original.weekStart)}`}
      >
        Review
      </Button>
    ),
  }),
];

/** Submitted weeks of the supervisor's current supervisees (the owner sees every worker's). */
export function ReviewQueue() {
  const user = useCurrentUser();
  const queue = useApiQuery('weeks.queue', {});
  const [importing, setImporting] = useState(false);
  return (
    <>
      {importing && <ImportDecisionsModal onClose={() => setImporting(false)} />}
      <PageHeader
        title="Review"
        action={
          user.role === 'owner' ? (
            <Button
              variant="default"
              leftSection={<IconFileImport size={17} />}
              onClick={() => setImporting(true)}
            >
              Import decisions
            </Button>
          ) : undefined
        }
        description={
          user.role === 'supervisor'
            ? 'Weeks your supervisees submitted, waiting for you to approve or return.'
            : 'Every submitted week waiting for its supervisor, the longest waiting first.'
        }
      />
      <QueryState query={queue}>
        {(items) =>
          items.length === 0 ? (
            <Empty
              icon={<IconChecklist size={26} />}
              title="Nothing to review"
              description="Weeks appear here when a worker submits them, and leave when they are approved or returned."
            />
          ) : (
            <DataTable
              label="Weeks to review"
              data={items}
              columns={columns}
              getRowId={(r) => `${r.workerId}-${r.weekStart}`}
            />
          )
        }
      </QueryState>
    </>
  );
}
