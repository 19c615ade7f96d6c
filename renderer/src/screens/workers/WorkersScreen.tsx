import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconUserCheck, IconUsers } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Worker } from '../../lib/domain';
import { useApiQuery, useWorkers } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/dates';
import { fullName, sortName } from '../../lib/people';
import { navigate, useRoute } from '../../lib/route';
import { useIsOwner } from '../../auth/session';
import { SupervisionDrawer } from './SupervisionDrawer';
import { WorkerFormModal } from './WorkerFormModal';
import { WorkerPackCell } from './WorkerPackCell';

const col = createColumnHelper<Worker>();
const dash = (
  <Text c="dimmed" size="sm">
    —
  </Text>
);

const openSupervision = (w: Worker | null) =>
  navigate('workers', { supervision: w?.id }, { replace: true });

export function WorkersScreen() {
  const workers = useWorkers();
  const route = useRoute();
  const [editing, setEditing] = useState<Worker | 'new' | null>(null);
  // Supervisors see their supervisees here, read-only; only the owner adds and edits.
  const owner = useIsOwner();
  const packs = useApiQuery('packs.list', {});

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
      col.accessor(sortName, {
        id: 'name',
        header: 'Name',
        cell: (c) => (
          <Stack gap={0}>
            <Text fw={600} size="sm">
              {fullName(c.row.original)}
            </Text>
            <Text c="dimmed" size="xs">
              {c.row.original.email}
            </Text>
          </Stack>
        ),
      }),
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
        cell: (c) =>
          c.getValue() ? (
            <Stack gap={0}>
              <Text size="sm" className="tabular">
                {c.getValue()}
              </Text>
              {c.row.original.registrationExpires && (
                <Text size="xs" c="dimmed">
                  Expires {formatDate(c.row.original.registrationExpires)}
                </Text>
              )}
            </Stack>
          ) : (
            dash
          ),
      }),
      col.accessor('startDate', {
        header: 'Start date',
        cell: (c) => (
          <Stack gap={0}>
            <Text size="sm" className="tabular nowrap">
              {formatDate(c.getValue())}
            </Text>
            {c.row.original.endDate && (
              <Text size="xs" c="dimmed" className="tabular nowrap">
                Left {formatDate(c.row.original.endDate)}
              </Text>
            )}
          </Stack>
        ),
      }),
      col.display({
        id: 'pack',
        header: 'Requirement pack',
        cell: (c) => <WorkerPackCell worker={c.row.original} packs={packs.data} owner={owner} />,
      }),
      col.accessor('active', {
        header: 'Status',
        cell: (c) => <StatusBadge active={c.getValue()} />,
        sortingFn: 'basic',
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right', pinned: true },
        cell: (c) => (
          <Group gap={6} justify="flex-end" wrap="nowrap">
            {/* A labelled button where there is room, an icon with a tooltip where there isn't. */}
            <Button
              visibleFrom="lg"
              size="compact-sm"
              variant="default"
              leftSection={<IconUserCheck size={15} />}
              aria-label={`Supervision for ${fullName(c.row.original)}`}
              onClick={() => openSupervision(c.row.original)}
            >
              Supervision
            </Button>
            <Tooltip label="Supervision">
              <ActionIcon
                hiddenFrom="lg"
                variant="default"
                aria-label={`Supervision for ${fullName(c.row.original)}`}
                onClick={() => openSupervision(c.row.original)}
              >
                <IconUserCheck size={16} />
              </ActionIcon>
            </Tooltip>
            {owner && (
              <Tooltip label="Edit worker">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Edit ${fullName(c.row.original)}`}
                  onClick={() => setEditing(c.row.original)}
                >
                  <IconPencil size={17} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ),
      }),
    ],
    [owner, packs.data],
  );

  const addButton = owner && (
    <Button leftSection={<IconPlus size={17} />} onClick={() => setEditing('new')}>
      Add worker
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Workers"
        description={
          owner
            ? 'Associates and staff who log hours toward licensure.'
            : 'The associates you currently supervise.'
        }
        action={workers.data?.length ? addButton : undefined}
      />
      <QueryState query={workers}>
        {(list) =>
          list.length === 0 ? (
            <Empty
              icon={<IconUsers size={26} />}
              title={owner ? 'No workers yet' : 'No supervisees'}
              description={
                owner
                  ? 'Add the associates whose hours you track. Then assign each a supervisor at a site, and their hours can be logged.'
                  : 'Workers appear here while you are their assigned supervisor. The practice owner makes the assignments.'
              }
              action={addButton || undefined}
            />
          ) : (
            <DataTable
              label="Workers"
              data={list}
              columns={columns}
              initialSorting={[{ id: 'name', desc: false }]}
              isMuted={(w) => !w.active}
              getRowId={(w) => String(w.id)}
            />
          )
        }
      </QueryState>
      {dialog && (
        <WorkerFormModal worker={dialog === 'new' ? undefined : dialog} onClose={closeDialog} />
      )}
      <SupervisionDrawer worker={supervising} onClose={() => openSupervision(null)} />
    </>
  );
}
