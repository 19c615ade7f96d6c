import { Anchor, Badge, Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/queries';
import { useIsOwner } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { LazyTooltip } from '../../components/LazyTooltip';
import { Empty } from '../../components/Empty';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/dates';
import type { OverviewRow, OverviewStatus } from '../../lib/domain';
import { routeHref } from '../../lib/route';
import { CeComplianceBadgeView } from '../ce/CeComplianceBadge';
import { formatHours, paceBasis } from './format';

const STATUS: Record<OverviewStatus, { label: string; color: string; order: number }> = {
  warnings: { label: 'Warnings', color: 'orange', order: 0 },
  no_pack: { label: 'No pack', color: 'yellow', order: 1 },
  behind: { label: 'Behind pace', color: 'yellow', order: 2 },
  on_track: { label: 'On track', color: 'teal', order: 3 },
  complete: { label: 'Complete', color: 'green', order: 4 },
};

const col = createColumnHelper<OverviewRow>();

const waitingText = (days: number) =>
  days === 0 ? 'submitted today' : `oldest ${days} ${days === 1 ? 'day' : 'days'}`;
const dash = (
  <Text c="dimmed" size="sm">
    —
  </Text>
);

/** Every worker the caller oversees: status, progress, warnings and weeks waiting for review. */
export function Overview() {
  const rows = useApiQuery('progress.overview', {});
  // Every worker's CE standing in one call, not one ce.status call per row.
  const ce = useApiQuery('ce.overview', {});
  const ceByWorker = useMemo(
    () =>
      new Map(
        (ce.data ?? [])
          .filter((r) => r.personType === 'worker')
          .map((r) => [r.personId, r.compliance] as const),
      ),
    [ce.data],
  );
  const owner = useIsOwner();
  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Worker',
        cell: (c) => (
          <Stack gap={0}>
            <Anchor
              href={routeHref('dashboard', { worker: c.row.original.workerId })}
              fw={600}
              size="sm"
            >
              {c.getValue()}
            </Anchor>
            <Text size="xs" c="dimmed" truncate maw={200}>
              {c.row.original.packName ?? 'No requirement pack'}
            </Text>
          </Stack>
        ),
      }),
      col.accessor((r) => STATUS[r.status].order, {
        id: 'status',
        header: 'Status',
        cell: (c) => {
          const r = c.row.original;
          const s = STATUS[r.status];
          const badge = (
            <Badge color={s.color} variant="light" radius="sm">
              {s.label}
            </Badge>
          );
          // Why a worker is (not) on track: the pace and the plan it was measured against.
          return r.status === 'on_track' || r.status === 'behind' ? (
            <LazyTooltip label={paceBasis(r.pace)} multiline w={260}>
              {badge}
            </LazyTooltip>
          ) : (
            badge
          );
        },
      }),
      col.accessor((r) => r.percent ?? -1, {
        id: 'progress',
        header: 'Progress',
        meta: { width: 120 },
        cell: (c) => {
          const r = c.row.original;
          if (r.percent === null) return dash;
          return (
            <Stack gap={4}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" fw={600} className="tabular nowrap">
                  {r.percent} %
                </Text>
                <LazyTooltip
                  label={`${formatHours(r.towardTotalMinutes ?? 0)} of ${formatHours(r.requiredTotalMinutes ?? 0)}`}
                >
                  <Text size="xs" c="dimmed" className="tabular nowrap">
                    {formatHours(r.towardTotalMinutes ?? 0)}
                  </Text>
                </LazyTooltip>
              </Group>
              <Progress
                value={r.percent}
                size="sm"
                radius="xl"
                color={r.status === 'complete' ? 'green' : 'brand'}
                aria-label={`${r.name}: ${r.percent} % toward the total`}
              />
            </Stack>
          );
        },
      }),
      col.accessor('warningCount', {
        header: 'Warnings',
        // Dropped first in a narrow window; each worker's dashboard lists the warnings.
        meta: { align: 'right', low: true },
        cell: (c) => {
          const r = c.row.original;
          if (r.percent === null) return dash;
          if (r.warningCount === 0)
            return (
              <Text size="sm" c="dimmed">
                None
              </Text>
            );
          return (
            <LazyTooltip
              multiline
              maw={380}
              label={
                <Stack gap={4}>
                  {r.warnings.map((w, i) => (
                    <Text key={i} size="xs">
                      {w.message}
                    </Text>
                  ))}
                  {r.warningCount > r.warnings.length && (
                    <Text size="xs">and {r.warningCount - r.warnings.length} more</Text>
                  )}
                </Stack>
              }
            >
              <Badge color="orange" variant="light" radius="sm" className="tabular">
                {r.warningCount}
              </Badge>
            </LazyTooltip>
          );
        },
      }),
      col.accessor('weeksWaiting', {
        header: 'For review',
        cell: (c) => {
          const r = c.row.original;
          if (r.weeksWaiting === 0)
            return (
              <Text size="sm" c="dimmed">
                None
              </Text>
            );
          const late = (r.oldestWaitingDays ?? 0) > 14;
          return (
            <Stack gap={0}>
              <Text size="sm" fw={600} className="tabular">
                {r.weeksWaiting} {r.weeksWaiting === 1 ? 'week' : 'weeks'}
              </Text>
              <Text size="xs" c={late ? 'red.7' : 'dimmed'} className="nowrap">
                {waitingText(r.oldestWaitingDays ?? 0)}
              </Text>
            </Stack>
          );
        },
      }),
      col.accessor((r) => r.projectedDate ?? '9999', {
        id: 'projected',
        header: 'Projected',
        cell: (c) =>
          c.row.original.projectedDate ? (
            <LazyTooltip label={paceBasis(c.row.original.pace)} multiline w={260}>
              <Text size="sm" className="tabular nowrap" tabIndex={0}>
                {formatDate(c.row.original.projectedDate)}
              </Text>
            </LazyTooltip>
          ) : (
            dash
          ),
      }),
      col.display({
        id: 'ce',
        header: 'CE',
        cell: (c) => {
          const compliance = ceByWorker.get(c.row.original.workerId);
          if (compliance) return <CeComplianceBadgeView compliance={compliance} />;
          return ce.isPending ? <Skeleton height={20} width={90} radius="sm" /> : dash;
        },
      }),
    ],
    [ceByWorker, ce.isPending],
  );
  return (
    <QueryState query={rows}>
      {(list) =>
        list.length === 0 ? (
          <Empty
            icon={<IconUsers size={26} />}
            title={owner ? 'No workers yet' : 'No supervisees'}
            description={
              owner
                ? 'Add the associates whose hours you track on the Workers screen; their progress shows here.'
                : 'Workers appear here while you are their assigned supervisor.'
            }
          />
        ) : (
          <DataTable
            label="Workers' progress"
            data={list}
            columns={columns}
            initialSorting={[{ id: 'status', desc: false }]}
            isMuted={(r) => !r.active}
            getRowId={(r) => String(r.workerId)}
            virtualAbove={60}
          />
        )
      }
    </QueryState>
  );
}
