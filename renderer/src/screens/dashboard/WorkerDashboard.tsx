import { Alert, Anchor, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarCheck,
  IconChecklist,
  IconHourglass,
  IconTargetArrow,
} from '@tabler/icons-react';
import { useApiQuery, useWorkers } from '../../api/queries';
import { useIsOwner } from '../../auth/session';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/dates';
import type { WorkerProgressView } from '../../lib/domain';
import { fullName } from '../../lib/people';
import { routeHref } from '../../lib/route';
import { CeStatusCard } from '../ce/CeComplianceBadge';
import { AssignPack } from './AssignPack';
import { formatHours, formatPercent, paceBasis } from './format';
import { HoursChart } from './HoursChart';
import { RequirementBars } from './RequirementBars';
import { StatCard } from './StatCard';
import { WarningsList } from './WarningsList';

/** One worker's progress toward licensure: figures, bars per requirement, chart, warnings. */
export function WorkerDashboard({ workerId }: { workerId: number }) {
  const view = useApiQuery('progress.worker', { workerId });
  const workers = useWorkers();
  const worker = workers.data?.find((w) => w.id === workerId);
  return (
    <QueryState query={view}>
      {(v) => (
        <Stack gap="lg">
          {worker && (
            <Group gap={6} wrap="nowrap" mt={-8}>
              <Text fw={650} fz="lg" c="dark.8" data-testid="dashboard-worker">
                {fullName(worker)}
              </Text>
              {worker.title && (
                <Text c="dimmed" size="sm">
                  · {worker.title}
                </Text>
              )}
              {v.pack && (
                <Text c="dimmed" size="sm">
                  · {v.pack.name}, version of {formatDate(v.pack.versionDate)}
                </Text>
              )}
            </Group>
          )}
          {v.progress && v.pack ? (
            <WithPack v={v} />
          ) : (
            <NoPack v={v} workerName={worker ? fullName(worker) : 'this worker'} />
          )}
          <HoursChart months={v.months} />
        </Stack>
      )}
    </QueryState>
  );
}

function WithPack({ v }: { v: WorkerProgressView }) {
  const progress = v.progress;
  const projection = v.projection;
  if (!progress) return null;
  const total = progress.totalRule.requiredMinutes;
  const toward = progress.totals.towardTotalMinutes;
  const percent = total > 0 ? Math.min(100, (toward / total) * 100) : 100;
  return (
    <>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
        <StatCard
          testId="stat-total"
          label="Toward licensure"
          value={formatHours(toward)}
          hint={`${formatPercent(Math.floor(percent * 10) / 10)} of ${formatHours(total)}`}
          icon={<IconTargetArrow size={20} />}
        />
        <StatCard
          testId="stat-projection"
          label="Projected completion"
          value={projection?.projectedDate ? formatDate(projection.projectedDate) : 'Not projected'}
          hint={paceBasis(
            projection && {
              minutesPerWeek: projection.paceMinutesPerWeek,
              activeWeeks: projection.activeWeeks,
              deadline: projection.deadline,
            },
          )}
          icon={<IconCalendarCheck size={20} />}
          color="teal"
        />
        <StatCard
          testId="stat-warnings"
          label="Warnings"
          value={progress.warnings.length}
          hint={
            progress.warnings.length ? 'Listed below, with what to do' : 'Every rule kept so far'
          }
          icon={<IconAlertTriangle size={20} />}
          color={progress.warnings.length ? 'orange' : 'gray'}
        />
        <StatCard
          testId="stat-waiting"
          label="Waiting for review"
          value={`${v.weeksWaiting} ${v.weeksWaiting === 1 ? 'week' : 'weeks'}`}
          hint={
            v.oldestWaitingDays !== null
              ? v.oldestWaitingDays === 0
                ? 'Submitted today'
                : `Oldest submitted ${v.oldestWaitingDays} ${v.oldestWaitingDays === 1 ? 'day' : 'days'} ago`
              : 'Nothing waiting for the supervisor'
          }
          icon={<IconHourglass size={20} />}
          color="violet"
        />
      </SimpleGrid>
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <RequirementBars requirements={progress.requirements} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <WarningsList warnings={progress.warnings} />
            <CeStatusCard personType="worker" personId={v.workerId} />
          </Stack>
        </Grid.Col>
      </Grid>
      {progress.totals.expiredMinutes > 0 && (
        <Text size="xs" c="dimmed">
          {formatHours(progress.totals.expiredMinutes)} logged are past the pack&apos;s age limit
          and no longer count.
        </Text>
      )}
    </>
  );
}

function NoPack({ v, workerName }: { v: WorkerProgressView; workerName: string }) {
  const owner = useIsOwner();
  return (
    <>
      <Alert
        color="yellow"
        variant="light"
        icon={<IconChecklist size={18} />}
        title="No requirement pack assigned"
      >
        <Stack gap="sm">
          <Text size="sm">
            Progress is measured against a license&apos;s rules. {formatHours(v.loggedMinutes)}{' '}
            logged so far;{' '}
            {owner
              ? `choose the pack for ${workerName}'s license to see how far it goes.`
              : 'ask the practice owner to assign the pack for the license being worked toward.'}
          </Text>
          {owner && (
            <>
              <AssignPack workerId={v.workerId} workerName={workerName} current={null} />
              <Text size="xs" c="dimmed">
                The practice&apos;s own packs are made on the{' '}
                <Anchor href={routeHref('packs')} size="xs">
                  Requirement packs
                </Anchor>{' '}
                screen.
              </Text>
            </>
          )}
        </Stack>
      </Alert>
      <CeStatusCard personType="worker" personId={v.workerId} />
    </>
  );
}
