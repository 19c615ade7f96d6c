import { Anchor, Group, Progress, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../lib/dates';
import { formatMinutes, type CeOverviewRow, type CeStatus } from '../../lib/domain';
import { routeHref } from '../../lib/route';
import { CeComplianceBadgeView } from './CeComplianceBadge';

const col = createColumnHelper<CeOverviewRow>();

/** Worst first when sorted by status: what needs attention comes to the top. */
const URGENCY: Record<CeStatus, number> = {
  overdue: 0,
  'due-soon': 1,
  'no-cycle': 2,
  'in-progress': 3,
  compliant: 4,
};

/** Everyone the caller may see, each with their CE standing; a name opens the person. */
export function CeOverviewTable({ rows }: { rows: CeOverviewRow[] }) {
  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Name',
        cell: (c) => (
          <Stack gap={0}>
            <Anchor
              href={routeHref('ce', {
                type: c.row.original.personType,
                id: c.row.original.personId,
              })}
              fw={600}
              size="sm"
            >
              {c.getValue()}
            </Anchor>
            <Text c="dimmed" size="xs">
              {c.row.original.personType === 'supervisor' ? 'Supervisor' : 'Worker'}
            </Text>
          </Stack>
        ),
      }),
      col.accessor((r) => r.expires ?? '', {
        id: 'expires',
        header: 'License / registration expires',
        cell: (c) => (
          <Text size="sm" className="tabular nowrap">
            {formatDate(c.row.original.expires)}
          </Text>
        ),
      }),
      col.accessor((r) => URGENCY[r.compliance.status] * 100000 + (r.compliance.daysLeft ?? 0), {
        id: 'status',
        header: 'CE status',
        cell: (c) => <CeComplianceBadgeView compliance={c.row.original.compliance} />,
      }),
      col.accessor((r) => r.compliance.countedMinutes, {
        id: 'progress',
        header: 'This cycle',
        cell: (c) => {
          const x = c.row.original.compliance;
          if (!x.cycle)
            return (
              <Text size="sm" c="dimmed">
                —
              </Text>
            );
          const pct =
            x.requiredMinutes === 0
              ? 100
              : Math.min(100, (x.countedMinutes / x.requiredMinutes) * 100);
          return (
            <Group gap="sm" wrap="nowrap">
              <Progress
                value={pct}
                w={90}
                radius="xl"
                color={x.met ? 'teal' : 'brand'}
                aria-label={`${formatMinutes(x.countedMinutes)} of ${formatMinutes(x.requiredMinutes)}`}
              />
              <Text size="sm" className="tabular nowrap">
                {formatMinutes(x.countedMinutes)}{' '}
                <Text span c="dimmed" size="sm">
                  of {formatMinutes(x.requiredMinutes)}
                </Text>
              </Text>
            </Group>
          );
        },
      }),
      col.accessor((r) => r.compliance.lawEthicsMinutes, {
        id: 'lawEthics',
        header: 'Law & ethics',
        cell: (c) => {
          const x = c.row.original.compliance;
          if (!x.cycle)
            return (
              <Text size="sm" c="dimmed">
                —
              </Text>
            );
          return (
            <Text size="sm" className="tabular nowrap">
              {formatMinutes(x.lawEthicsMinutes)}{' '}
              <Text span c="dimmed" size="sm">
                of {formatMinutes(x.requiredLawEthicsMinutes)}
              </Text>
            </Text>
          );
        },
      }),
    ],
    [],
  );

  return (
    <DataTable
      label="Continuing education by person"
      data={rows}
      columns={columns}
      getRowId={(r) => `${r.personType}:${r.personId}`}
      isMuted={(r) => !r.active}
    />
  );
}
