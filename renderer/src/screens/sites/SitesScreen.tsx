import { Text } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Site } from '../../lib/domain';
import { useSites } from '../../api/queries';
import {
  dash,
  editColumn,
  RecordList,
  statusColumn,
  useEditing,
} from '../../components/RecordList';
import { statusFilter } from '../../components/ListFilters';
import { SiteFormModal } from './SiteFormModal';

const col = createColumnHelper<Site>();

export function SitesScreen() {
  const sites = useSites();
  const [editing, setEditing] = useEditing<Site>();

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
        cell: (c) => c.getValue() || dash,
      }),
      col.accessor((s) => s.phone ?? '', {
        id: 'phone',
        header: 'Phone',
        cell: (c) => c.getValue() || dash,
      }),
      statusColumn<Site>(),
      editColumn<Site>('Edit site', (s) => s.name, setEditing),
    ],
    [setEditing],
  );

  return (
    <RecordList
      title="Sites"
      description="The practice's locations. Hours are logged against a site."
      query={sites}
      columns={columns}
      addLabel="Add site"
      onAdd={() => setEditing('new')}
      search={{
        placeholder: 'Search name, address, phone…',
        text: (s) => [s.name, s.address, s.phone].join(' '),
      }}
      filters={[statusFilter<Site>()]}
      empty={{
        icon: <IconBuildingHospital size={26} />,
        title: 'No sites yet',
        description:
          'Add the offices and clinics where your associates see clients. Supervision assignments and hour entries each name a site.',
      }}
    >
      {editing && (
        <SiteFormModal
          site={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordList>
  );
}
