import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft, IconUserQuestion } from '@tabler/icons-react';
import { useCurrentUser } from '../../auth/session';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { routeHref, useRoute } from '../../lib/route';
import { Overview } from './Overview';
import { SetupChecklist } from './SetupChecklist';
import { WorkerDashboard } from './WorkerDashboard';

/**
 * The landing screen. A worker sees their own progress; the owner and supervisors see everyone
 * they oversee, and open one worker's dashboard with `#/dashboard?worker=ID`.
 */
export function DashboardScreen() {
  const user = useCurrentUser();
  const route = useRoute();
  const asked = Number(route.params.get('worker')) || null;

  if (user.role === 'worker') {
    return (
      <>
        <PageHeader title="Dashboard" description="Your progress toward licensure." />
        {user.workerId === null ? (
          <Empty
            icon={<IconUserQuestion size={26} />}
            title="No worker record linked"
            description="This account is not linked to a worker's record. Ask the practice owner to link it."
          />
        ) : (
          <WorkerDashboard workerId={user.workerId} />
        )}
      </>
    );
  }

  if (asked !== null) {
    return (
      <>
        <PageHeader
          title="Dashboard"
          description={
            <Group gap={6} component="span">
              <Anchor href={routeHref('dashboard')} size="sm">
                <Group gap={4} component="span">
                  <IconArrowLeft size={14} />
                  All workers
                </Group>
              </Anchor>
            </Group>
          }
        />
        <WorkerDashboard key={asked} workerId={asked} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          user.role === 'owner'
            ? "Every worker's progress toward licensure, what needs attention, and weeks waiting for review."
            : 'Your supervisees: progress, warnings, and weeks waiting for your review.'
        }
      />
      {user.role === 'owner' && <SetupChecklist />}
      <Overview />
    </>
  );
}
