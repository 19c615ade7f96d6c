import { Anchor, Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import { notify } from '../../lib/notify';
import {
  useApiMutation,
  useApiQuery,
  useSettings,
  useSites,
  useSupervisors,
  useUsers,
  useWorkers,
} from '../../api/queries';
import { errorMessage } from '../../api/client';
import type { Screen } from '../../../../shared/domain/screens';
import { routeHref } from '../../lib/route';

interface Step {
  key: string;
  label: string;
  /** What doing it means, shown under the label until it is done. */
  hint: string;
  done: boolean;
  screen: Screen;
  link: string;
}

/**
 * The owner's first-run checklist: sites → supervisors → workers → assignments → packs →
 * accounts, each ticked from the practice's own records (the same reads the screens use), each
 * linking to the screen that does it. It leaves the dashboard once every step is done, or when
 * the owner dismisses it (kept in the settings, so it stays dismissed on the next start).
 */
export function SetupChecklist() {
  const settings = useSettings();
  const sites = useSites();
  const supervisors = useSupervisors();
  const workers = useWorkers();
  const assignments = useApiQuery('assignments.list', {});
  const overview = useApiQuery('progress.overview', {});
  const users = useUsers();
  const dismiss = useApiMutation('settings.update');

  const loaded = [settings, sites, supervisors, workers, assignments, overview, users].every(
    (q) => q.data !== undefined,
  );
  if (!loaded || settings.data?.setupChecklistDismissed) return null;

  const activeRows = (overview.data ?? []).filter((r) => r.active);
  const steps: Step[] = [
    {
      key: 'sites',
      label: 'Add the sites where hours are worked',
      hint: 'Each hour is logged at a site.',
      done: (sites.data ?? []).length > 0,
      screen: 'sites',
      link: 'Add sites',
    },
    {
      key: 'supervisors',
      label: 'Add the supervisors',
      hint: 'With their licence, which the boards check.',
      done: (supervisors.data ?? []).length > 0,
      screen: 'supervisors',
      link: 'Add supervisors',
    },
    {
      key: 'workers',
      label: 'Add the workers',
      hint: 'Associates gaining hours toward licensure.',
      done: (workers.data ?? []).length > 0,
      screen: 'workers',
      link: 'Add workers',
    },
    {
      key: 'assignments',
      label: 'Assign each worker a supervisor and site',
      hint: 'Under Supervision on the Workers screen.',
      done: (assignments.data ?? []).length > 0,
      screen: 'workers',
      link: 'Assign supervision',
    },
    {
      key: 'packs',
      label: 'Give every worker a requirement pack',
      hint: "The board's rules their progress is measured against.",
      done: activeRows.length > 0 && activeRows.every((r) => r.packId !== null),
      screen: 'workers',
      link: 'Assign packs',
    },
    {
      key: 'accounts',
      label: 'Create sign-ins for supervisors and workers',
      hint: 'So they log and sign hours themselves.',
      done: (users.data ?? []).some((u) => u.role !== 'owner'),
      screen: 'users',
      link: 'Create sign-ins',
    },
  ];
  const doneCount = steps.filter((s) => s.done).length;
  if (doneCount === steps.length) return null;

  const close = async () => {
    try {
      await dismiss.mutateAsync({ setupChecklistDismissed: true });
    } catch (err) {
      notify({ color: 'red', title: 'Not dismissed', message: errorMessage(err) });
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      shadow="xs"
      p="md"
      mb="lg"
      component="section"
      aria-labelledby="setup-checklist-title"
      data-testid="setup-checklist"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="setup-checklist-title">
            Set up your practice
          </Title>
          <Text size="sm" c="dimmed">
            {doneCount} of {steps.length} done. Each step ticks itself when the records are in.
          </Text>
        </Stack>
        <Button
          variant="subtle"
          color="gray"
          size="xs"
          loading={dismiss.isPending}
          onClick={() => void close()}
        >
          Dismiss checklist
        </Button>
      </Group>
      <Progress
        value={(doneCount / steps.length) * 100}
        size="sm"
        mb="md"
        aria-label="Set-up progress"
      />
      <List spacing="xs" listStyleType="none" aria-label="Set-up steps">
        {steps.map((s) => (
          <List.Item
            key={s.key}
            data-done={s.done || undefined}
            icon={
              s.done ? (
                <IconCircleCheckFilled size={20} color="var(--mantine-color-teal-7)" aria-hidden />
              ) : (
                <IconCircleDashed size={20} color="var(--mantine-color-gray-6)" aria-hidden />
              )
            }
          >
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} td={s.done ? 'line-through' : undefined}>
                {s.label}
              </Text>
              <Text span className="visually-hidden">
                {s.done ? '(done)' : '(to do)'}
              </Text>
              {!s.done && (
                <>
                  <Text size="sm" c="dimmed">
                    {s.hint}
                  </Text>
                  <Anchor href={routeHref(s.screen)} size="sm" fw={600}>
                    {s.link}
                  </Anchor>
                </>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
