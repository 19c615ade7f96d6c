import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconUserCheck, IconUsers } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Worker } from '../../lib/domain';
import { useApiQuery, useWorkers } from '../../api/queries';
import {
  dash,
  EditButton,
  personColumn,
  RecordList,
  statusColumn,
  useEditing,
} from '../../components/RecordList';
import { formatDate } from '../../lib/dates';
import { fullName } from '../../lib/people';
import { navigate, useRoute } from '../../lib/route';
import { useIsOwner } from '../../auth/session';
import { SupervisionDrawer } from './SupervisionDrawer';
import { WorkerFormModal } from './WorkerFormModal';
import { useWorkerFilters, workerSearch } from './worker-filters';
import { WorkerPackCell } from './WorkerPackCell';

const col = createColumnHelper<Worker>();

const openSupervision = (w: Worker | null) =>
  navigate('workers', { supervision: w?.id }, { replace: true });

/** A date over a dimmed line under it ("Expires …", "Left …"), or the dash. */
function DateCell(props: { date: string; under?: string | false | null }) {
  return (
    <Stack gap={0}>
      <Text size="sm" className="tabular nowrap">
        {props.date}
      </Text>
      {props.under && (
        <Text size="xs" c="dimmed" className="tabular nowrap">
          {props.under}
        </Text>
      )}
    </Stack>
  );
}

export function WorkersScreen() {
  const workers = useWorkers();
  const route = useRoute();
  const [editing, setEditing] = useEditing<Worker>();
  // Supervisors see their supervisees here, read-only; only the owner adds and edits.
  const owner = useIsOwner();
  const packs = useApiQuery('packs.list', {});
  const filters = useWorkerFilters(owner);

  // The open supervision drawer lives in the URL (#/workers?supervision=3), so the Hours screen
  // can link straight to it and a reload keeps it open.
  const supervisionId = Number(route.params.get('supervision')) || null;
  const supervising = workers.data?.find((w) => w.id === supervisionId) ?? null;

  // #/workers?add=1 (the Hours screen's empty state) opens the Add worker dialog.
  const addRequested = owner && route.params.has('add');
  const dialog = editing ?? (addRequested ? 'new' : null);
  const closeDialog = () => {
    setEditing(null);
    if (addRequested) navigate('workers', {}, { replace: true });
  };

  const columns = useMemo(
    () => [
      personColumn<Worker>(),
      col.accessor((w) => w.title ?? '', {
        id: 'title',
        header: 'Title',
        meta: { low: true },
        cell: (c) => c.getValue() || dash,
      }),
      col.accessor((w) => w.registrationNumber ?? '', {
        id: 'registration',
        header: 'Registration no.',
        meta: { low: true },
        cell: (c) => {
          const w = c.row.original;
          return c.getValue() ? (
            <DateCell
              date={c.getValue()}
              under={w.registrationExpires && `Expires ${formatDate(w.registrationExpires)}`}
            />
          ) : (
            dash
          );
        },
      }),
      col.accessor('startDate', {
        header: 'Start date',
        cell: (c) => (
          <DateCell
            date={formatDate(c.getValue())}
            under={c.row.original.endDate && `Left ${formatDate(c.row.original.endDate)}`}
          />
        ),
      }),
      col.display({
        id: 'pack',
        header: 'Requirement pack',
        cell: (c) => <WorkerPackCell worker={c.row.original} packs={packs.data} owner={owner} />,
      }),
      statusColumn<Worker>(),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right', pinned: true },
        cell: (c) => {
          const w = c.row.original;
          const label = `Supervision for ${fullName(w)}`;
          return (
            <Group gap={6} justify="flex-end" wrap="nowrap">
              {/* A labelled button where there is room, an icon with a tooltip where there isn't. */}
              <Button
                visibleFrom="lg"
                size="compact-sm"
                variant="default"
                leftSection={<IconUserCheck size={15} />}
                aria-label={label}
                onClick={() => openSupervision(w)}
              >
                Supervision
              </Button>
              <Tooltip label="Supervision">
                <ActionIcon
                  hiddenFrom="lg"
                  variant="default"
                  aria-label={label}
                  onClick={() => openSupervision(w)}
                >
                  <IconUserCheck size={16} />
                </ActionIcon>
              </Tooltip>
              {owner && (
                <EditButton
                  tooltip="Edit worker"
                  label={`Edit ${fullName(w)}`}
                  onClick={() => setEditing(w)}
                />
              )}
            </Group>
          );
        },
      }),
    ],
    [owner, packs.data, setEditing],
  );

  return (
    <RecordList
      title="Workers"
      description={
        owner
          ? 'Associates and staff who log hours toward licensure.'
          : 'The associates you currently supervise.'
      }
      query={workers}
      columns={columns}
      addLabel={owner ? 'Add worker' : undefined}
      onAdd={() => setEditing('new')}
      empty={{
        icon: <IconUsers size={26} />,
        title: owner ? 'No workers yet' : 'No supervisees',
        description: owner
          ? 'Add the associates whose hours you track. Then assign each a supervisor at a site, and their hours can be logged.'
          : 'Workers appear here while you are their assigned supervisor. The practice owner makes the assignments.',
      }}
      search={workerSearch}
      filters={filters}
    >
      {dialog && (
        <WorkerFormModal worker={dialog === 'new' ? undefined : dialog} onClose={closeDialog} />
      )}
      <SupervisionDrawer worker={supervising} onClose={() => openSupervision(null)} />
    </RecordList>
  );
}
