import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useApiQuery, useSites, useSupervisorRecords, useWorkers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { addDaysIso, formatDate, formatWeekdayName, todayIso } from '../../lib/dates';
import { formatMinutes, type SupervisionSession } from '../../lib/domain';
import { fullName } from '../../lib/people';
import { useConfirmedDelete } from '../../lib/confirmed-delete';
import { RowAction } from '../../components/RowAction';
import { KIND_LABELS, SessionFormModal } from './SessionFormModal';

const col = createColumnHelper<SupervisionSession>();
const KIND_COLORS = { individual: 'violet', triadic: 'grape', group: 'indigo' } as const;

const PERIODS = [
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
  { value: 'all', label: 'All sessions' },
];

/** Individual, triadic and group supervision: recorded once, counted for every attendee. */
export function SessionsScreen() {
  const user = useCurrentUser();
  const [period, setPeriod] = useState('90');
  const from = period === 'all' ? undefined : addDaysIso(todayIso(), -Number(period));
  const sessions = useApiQuery('sessions.list', { from });
  const supervisors = useSupervisorRecords();
  const sites = useSites();
  const workers = useWorkers();
  const [editing, setEditing] = useState<SupervisionSession | 'new' | null>(null);
  const deletion = useConfirmedDelete('sessions.delete', {
    input: (s: SupervisionSession) => ({ id: s.id }),
    notice: () => 'Session deleted',
  });
  const { ask, target: deleting } = deletion;
  const ownSupervisorId = user.role === 'supervisor' ? user.supervisorId : null;

  const names = useMemo(() => {
    const sup = new Map((supervisors.data ?? []).map((s) => [s.id, fullName(s)]));
    const site = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
    const wk = new Map((workers.data ?? []).map((w) => [w.id, fullName(w)]));
    return { sup, site, wk };
  }, [supervisors.data, sites.data, workers.data]);

  const columns = useMemo(
    () => [
      col.accessor('date', {
        header: 'Date',
        cell: (c) => (
          <Stack gap={0}>
            <Text size="sm" className="tabular nowrap">
              {formatDate(c.getValue())}
            </Text>
            <Text size="xs" c="dimmed">
              {formatWeekdayName(c.getValue())}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('kind', {
        header: 'Kind',
        cell: (c) => (
          <Badge color={KIND_COLORS[c.getValue()]} variant="light" radius="sm">
            {KIND_LABELS[c.getValue()]}
          </Badge>
        ),
      }),
      col.accessor((s) => names.sup.get(s.supervisorId) ?? '', {
        id: 'supervisor',
        header: 'Supervisor',
        cell: (c) => (
          <Stack gap={0}>
            <Text size="sm">{c.getValue()}</Text>
            <Text size="xs" c="dimmed">
              {names.site.get(c.row.original.siteId)}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('minutes', {
        header: 'Duration',
        meta: { align: 'right' },
        cell: (c) => (
          <Text size="sm" className="tabular nowrap">
            {formatMinutes(c.getValue())}
          </Text>
        ),
      }),
      col.accessor((s) => s.workerIds.length, {
        id: 'attendees',
        header: 'Attendees',
        cell: (c) => (
          <Text size="sm" lineClamp={2} maw={320}>
            {c.row.original.workerIds.map((id) => names.wk.get(id) ?? `Worker ${id}`).join(', ')}
          </Text>
        ),
      }),
      col.accessor((s) => s.note ?? '', {
        id: 'note',
        header: 'Note',
        enableSorting: false,
        cell: (c) => (
          <Text size="sm" c="dimmed" lineClamp={2} maw={240}>
            {c.getValue() || '—'}
          </Text>
        ),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right' },
        cell: (c) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <RowAction
              icon={IconPencil}
              tooltip="Edit session"
              label={`Edit session of ${formatDate(c.row.original.date)}`}
              onClick={() => setEditing(c.row.original)}
            />
            <RowAction
              icon={IconTrash}
              danger
              tooltip="Delete session"
              label={`Delete session of ${formatDate(c.row.original.date)}`}
              onClick={() => ask(c.row.original)}
            />
          </Group>
        ),
      }),
    ],
    [names, ask],
  );

  const addButton = (
    <Button leftSection={<IconPlus size={17} />} onClick={() => setEditing('new')}>
      Record session
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Supervision sessions"
        description={
          ownSupervisorId !== null
            ? 'The sessions you ran. Each counts as supervision hours for every attendee.'
            : 'Individual, triadic and group supervision. Each counts as supervision hours for every attendee.'
        }
        action={
          <>
            <Select
              aria-label="Period"
              data={PERIODS}
              value={period}
              onChange={(v) => setPeriod(v ?? '90')}
              allowDeselect={false}
              w={170}
            />
            {addButton}
          </>
        }
      />
      <QueryState
        query={sessions}
        empty={
          <Empty
            icon={<IconUsersGroup size={26} />}
            title="No sessions in this period"
            description="Record a session once and every attendee gets its supervision hours, in the category its kind calls for."
            action={addButton}
          />
        }
      >
        {(list) => (
          <DataTable
            label="Supervision sessions"
            data={list}
            columns={columns}
            initialSorting={[{ id: 'date', desc: true }]}
            getRowId={(s) => String(s.id)}
          />
        )}
      </QueryState>
      {editing && supervisors.data && sites.data && workers.data && (
        <SessionFormModal
          session={editing === 'new' ? undefined : editing}
          defaultDate={todayIso()}
          ownSupervisorId={ownSupervisorId}
          supervisors={supervisors.data}
          sites={sites.data}
          workers={workers.data}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        {...deletion.dialog}
        title="Delete this session?"
        confirmLabel="Delete session"
      >
        The supervision hours it gave {deleting?.workerIds.length ?? 0} attendee
        {deleting?.workerIds.length === 1 ? '' : 's'} on {formatDate(deleting?.date)} are removed
        with it.
      </ConfirmDialog>
    </>
  );
}
