import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCertificate, IconPencil, IconPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Supervisor } from '../../lib/domain';
import { useSupervisorRecords } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { fullName, sortName } from '../../lib/people';
import { EXPIRY_WARNING_DAYS, LicenseExpiry, licenseStatus } from './LicenseExpiry';
import { SupervisorFormModal } from './SupervisorFormModal';

const col = createColumnHelper<Supervisor>();

export function SupervisorsScreen() {
  const supervisors = useSupervisorRecords();
  const [editing, setEditing] = useState<Supervisor | 'new' | null>(null);

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
      col.accessor((s) => `${s.licenseType} ${s.licenseNumber}`, {
        id: 'license',
        header: 'License',
        cell: (c) => (
          <Group gap={8} wrap="nowrap">
            <Text size="sm" fw={500}>
              {c.row.original.licenseType}
            </Text>
            <Text size="sm" c="dimmed" className="tabular">
              {c.row.original.licenseNumber}
            </Text>
          </Group>
        ),
      }),
      col.accessor('licenseState', { header: 'State', meta: { width: 80 } }),
      col.accessor('licenseExpires', {
        header: 'License expires',
        cell: (c) => <LicenseExpiry expires={c.getValue()} />,
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
          <Tooltip label="Edit supervisor">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${fullName(c.row.original)}`}
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

  const flagged = (supervisors.data ?? []).filter(
    (s) => s.active && licenseStatus(s.licenseExpires) !== 'valid',
  ).length;

  const addButton = (
    <Button leftSection={<IconPlus size={17} />} onClick={() => setEditing('new')}>
      Add supervisor
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Supervisors"
        description={
          flagged > 0
            ? `${flagged} active ${flagged === 1 ? 'license needs' : 'licenses need'} attention: expired or expiring within ${EXPIRY_WARNING_DAYS} days.`
            : 'Licensed clinicians who supervise your associates.'
        }
        action={supervisors.data?.length ? addButton : undefined}
      />
      <QueryState query={supervisors}>
        {(list) =>
          list.length === 0 ? (
            <Empty
              icon={<IconCertificate size={26} />}
              title="No supervisors yet"
              description="Add each licensed supervisor with their license details. Hourkeep flags licenses that are expired or expire within 60 days."
              action={addButton}
            />
          ) : (
            <DataTable
              label="Supervisors"
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
        <SupervisorFormModal
          supervisor={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
