import { Badge, Group, Text } from '@mantine/core';
import { IconCertificate, IconDeviceLaptop, IconPackageExport } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Supervisor } from '../../lib/domain';
import { useApiQuery, useSupervisorRecords } from '../../api/queries';
import { RowAction } from '../../components/RowAction';
import { EnrolReviewerModal } from '../offline-review/EnrolReviewerModal';
import { ExportPacketModal } from '../offline-review/ExportPacketModal';
import {
  editColumn,
  personColumn,
  RecordList,
  statusColumn,
  useEditing,
} from '../../components/RecordList';
import { statusFilter, type ListFilter } from '../../components/ListFilters';
import { fullName } from '../../lib/people';
import { EXPIRY_WARNING_DAYS, LicenseExpiry, licenseStatus } from './LicenseExpiry';
import { SupervisorFormModal } from './SupervisorFormModal';

const col = createColumnHelper<Supervisor>();

const SUPERVISOR_FILTERS: ListFilter<Supervisor>[] = [
  statusFilter<Supervisor>(),
  {
    label: 'License',
    all: 'All licenses',
    options: [
      { value: 'valid', label: 'Valid' },
      { value: 'expiring', label: `Expiring within ${EXPIRY_WARNING_DAYS} days` },
      { value: 'expired', label: 'Expired' },
    ],
    test: (s, v) => licenseStatus(s.licenseExpires) === v,
  },
];

export function SupervisorsScreen() {
  const supervisors = useSupervisorRecords();
  const [editing, setEditing] = useEditing<Supervisor>();
  // Offline review (issue 20): which supervisors have an enrolled reviewer computer.
  const enrolments = useApiQuery('reviewers.list', {});
  const [enrolling, setEnrolling] = useState<Supervisor | null>(null);
  const [exporting, setExporting] = useState<Supervisor | null>(null);
  const enrolled = useMemo(
    () =>
      new Map(
        (enrolments.data ?? []).filter((e) => e.revokedAt === null).map((e) => [e.supervisorId, e]),
      ),
    [enrolments.data],
  );

  const columns = useMemo(
    () => [
      personColumn<Supervisor>(),
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
      statusColumn<Supervisor>(),
      col.display({
        id: 'reviewer',
        header: 'Reviewer computer',
        cell: (c) => {
          const s = c.row.original;
          const e = enrolled.get(s.id);
          return (
            <Group gap={4} wrap="nowrap">
              {e ? (
                <Badge size="sm" variant="light" color="teal" title={e.fingerprint}>
                  Enrolled
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  None
                </Text>
              )}
              <RowAction
                icon={IconDeviceLaptop}
                tooltip="Enrol reviewer computer"
                label={`Enrol reviewer computer of ${fullName(s)}`}
                onClick={() => setEnrolling(s)}
              />
              {e && (
                <RowAction
                  icon={IconPackageExport}
                  tooltip="Export review packet"
                  label={`Export review packet for ${fullName(s)}`}
                  onClick={() => setExporting(s)}
                />
              )}
            </Group>
          );
        },
      }),
      editColumn<Supervisor>('Edit supervisor', fullName, setEditing),
    ],
    [setEditing, enrolled],
  );

  const flagged = (supervisors.data ?? []).filter(
    (s) => s.active && licenseStatus(s.licenseExpires) !== 'valid',
  ).length;

  return (
    <RecordList
      title="Supervisors"
      description={
        flagged > 0
          ? `${flagged} active ${flagged === 1 ? 'license needs' : 'licenses need'} attention: expired or expiring within ${EXPIRY_WARNING_DAYS} days.`
          : 'Licensed clinicians who supervise your associates.'
      }
      query={supervisors}
      columns={columns}
      addLabel="Add supervisor"
      onAdd={() => setEditing('new')}
      search={{
        placeholder: 'Search name, email, licence…',
        text: (s) =>
          [fullName(s), s.email, s.phone, s.licenseType, s.licenseNumber, s.licenseState].join(' '),
      }}
      filters={SUPERVISOR_FILTERS}
      empty={{
        icon: <IconCertificate size={26} />,
        title: 'No supervisors yet',
        description:
          'Add each licensed supervisor with their license details. Hourkeep flags licenses that are expired or expire within 60 days.',
      }}
    >
      {enrolling && (
        <EnrolReviewerModal supervisorId={enrolling.id} onClose={() => setEnrolling(null)} />
      )}
      {exporting && (
        <ExportPacketModal
          supervisors={[{ id: exporting.id, name: fullName(exporting) }]}
          onClose={() => setExporting(null)}
        />
      )}
      {editing && (
        <SupervisorFormModal
          supervisor={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordList>
  );
}
