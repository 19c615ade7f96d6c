import { ActionIcon, Button, Text, Tooltip } from '@mantine/core';
import { IconBuildingHospital, IconPencil, IconPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Site } from '../../lib/domain';
import { useSites } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { SiteFormModal } from './SiteFormModal';

const col = createColumnHelper<Site>();

export function SitesScreen() {
  const sites = useSites();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Name',
        cell: (c) => (
          <Text fw={600} size="sm">
            {c.getValue()}
          </Text>
        ),
      }),
      col.accessor((s) => s.address ?? '', {
        id: 'address',
        header: 'Address',
        cell: (c) =>
          c.getValue() || (
            <Text c="dimmed" size="sm">
              —
            </Text>
          ),
      }),
      col.accessor((s) => s.phone ?? '', {
        id: 'phone',
        header: 'Phone',
        cell: (c) =>
          c.getValue() || (
            <Text c="dimmed" size="sm">
              —
            </Text>
          ),
      }),
      col.accessor('active', {
        header: 'Status',
        cell: (c) => <StatusBadge active={c.getValue()} />,
        sortingFn: 'basic',
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right', width: 64 },
        cell: (c) => (
          <Tooltip label="Edit site">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${c.row.original.name}`}
              onClick={() => setEditing(c.row.original)}
            >
              <IconPencil size={17} />
            </ActionIcon>
          </Tooltip>
        ),
      }),
    ],
    [],
  );

  const addButton = (
    <Button leftSection={<IconPlus size={17} />} onClick={() => setEditing('new')}>
      Add site
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Sites"
        description="The practice's locations. Hours are logged against a site."
        action={sites.data?.length ? addButton : undefined}
      />
      <QueryState query={sites}>
        {(list) =>
          list.length === 0 ? (
            <Empty
              icon={<IconBuildingHospital size={26} />}
              title="No sites yet"
              description="Add the offices and clinics where your associates see clients. Supervision assignments and hour entries each name a site."
              action={addButton}
            />
          ) : (
            <DataTable
              label="Sites"
              data={list}
              columns={columns}
              initialSorting={[{ id: 'name', desc: false }]}
              isMuted={(s) => !s.active}
              getRowId={(s) => String(s.id)}
            />
          )
        }
      </QueryState>
      {editing && (
        <SiteFormModal
          site={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
