import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notify } from '../../lib/notify';
import {
  IconAlertTriangle,
  IconCalendarWeek,
  IconChevronLeft,
  IconChevronRight,
  IconPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatMinutes, type HourEntry, type Worker } from '../../lib/domain';
import { errorMessage } from '../../api/client';
import {
  useApiMutation,
  useApiQuery,
  useAssignments,
  useSites,
  useSupervisors,
  useWeek,
  useWorkers,
} from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { CATEGORY_LABELS } from '../../lib/categories';
import {
  addDaysIso,
  formatDayLong,
  formatWeekRange,
  isValidIsoDate,
  todayIso,
  weekStartOf,
} from '../../lib/dates';
import { fullName, sortName } from '../../lib/people';
import { navigate, routeHref, useRoute } from '../../lib/route';
import { useCurrentUser } from '../../auth/session';
import { isWeekEditable } from '../../../../shared/domain/weekly-logs';
import { HourEntryModal } from './HourEntryModal';
import { WeekDays } from './WeekDays';
import { WeekReviewBar } from './WeekReviewBar';
import { WeekTotals } from './WeekTotals';

type Editing = { entry?: HourEntry; date: string } | null;

export function HoursScreen() {
  const route = useRoute();
  const user = useCurrentUser();
  const workers = useWorkers();
  const today = todayIso();
  const thisWeek = weekStartOf(today);

  const weekParam = route.params.get('week');
  const weekStart = weekParam && isValidIsoDate(weekParam) ? weekStartOf(weekParam) : thisWeek;
  // A worker's account shows their own hours only (main lists no one else for them anyway).
  const workerParam =
    user.role === 'worker' ? user.workerId : Number(route.params.get('worker')) || null;

  const sortedWorkers = useMemo(
    () => [...(workers.data ?? [])].sort((a, b) => sortName(a).localeCompare(sortName(b))),
    [workers.data],
  );
  const worker =
    sortedWorkers.find((w) => w.id === workerParam) ??
    (workerParam === null ? sortedWorkers.find((w) => w.active) : undefined) ??
    null;

  // Keep the URL naming the worker and week shown, so a reload returns here.
  useEffect(() => {
    if (!worker || route.screen !== 'hours') return;
    if (workerParam !== worker.id || weekParam !== weekStart) {
      navigate('hours', { worker: worker.id, week: weekStart }, { replace: true });
    }
  }, [worker, workerParam, weekParam, weekStart, route.screen]);

  const go = (params: { worker?: number; week?: string }) =>
    navigate(
      'hours',
      { worker: params.worker ?? worker?.id, week: params.week ?? weekStart },
      { replace: true },
    );

  const workerOptions = sortedWorkers
    .filter((w) => w.active || w.id === worker?.id)
    .map((w) => ({ value: String(w.id), label: fullName(w) }));

  const header = (action?: ReactNode) => (
    <PageHeader
      title="Hours"
      description="Each worker's hours, week by week, against the categories boards count."
      action={action}
    />
  );

  if (workers.data && workers.data.length === 0) {
    return (
      <>
        {header()}
        {user.role === 'owner' ? (
          <Empty
            icon={<IconUsers size={26} />}
            title="No workers yet"
            description="Hours are logged for a worker under an assigned supervisor. Add your first worker to get started."
            action={
              <Button
                component="a"
                href={routeHref('workers', { add: 1 })}
                leftSection={<IconPlus size={17} />}
              >
                Add worker
              </Button>
            }
          />
        ) : user.role === 'supervisor' ? (
          <Empty
            icon={<IconUsers size={26} />}
            title="No supervisees"
            description="Your supervisees' hours appear here while you are their assigned supervisor. The practice owner makes the assignments."
          />
        ) : (
          <Empty
            icon={<IconUsers size={26} />}
            title="No worker record"
            description="Your account is not linked to a worker record. Ask the practice owner."
          />
        )}
      </>
    );
  }

  return (
    <QueryState query={workers}>
      {() => (
        <WeekPage
          header={header}
          worker={worker}
          workerOptions={workerOptions}
          pickWorker={user.role !== 'worker'}
          canAssign={user.role === 'owner'}
          weekStart={weekStart}
          thisWeek={thisWeek}
          today={today}
          onWorker={(id) => go({ worker: id })}
          onWeek={(week) => go({ week })}
        />
      )}
    </QueryState>
  );
}

function WeekPage(props: {
  header: (action?: ReactNode) => ReactNode;
  worker: Worker | null;
  workerOptions: { value: string; label: string }[];
  /** Workers see their own hours only: no picker. */
  pickWorker: boolean;
  canAssign: boolean;
  weekStart: string;
  thisWeek: string;
  today: string;
  onWorker: (id: number) => void;
  onWeek: (weekStart: string) => void;
}) {
  const { worker, weekStart, today } = props;
  const week = useWeek(worker?.id ?? null, weekStart);
  const assignments = useAssignments(worker?.id ?? null);
  const sites = useSites();
  const supervisors = useSupervisors();
  const remove = useApiMutation('hours.delete');
  const restore = useApiMutation('hours.add');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<HourEntry | null>(null);
  // Stable, so the memoised entry rows don't all render again when the page does.
  const onAdd = useCallback((date: string) => setEditing({ date }), []);
  const onEdit = useCallback((entry: HourEntry) => setEditing({ entry, date: entry.date }), []);

  const siteById = useMemo(() => new Map((sites.data ?? []).map((s) => [s.id, s])), [sites.data]);
  const supervisorById = useMemo(
    () => new Map((supervisors.data ?? []).map((s) => [s.id, s])),
    [supervisors.data],
  );
  const weekLog = useApiQuery(
    'weeks.get',
    { workerId: worker?.id ?? 0, weekStart },
    { enabled: worker !== null },
  );
  const log =
    weekLog.data?.workerId === worker?.id && weekLog.data?.weekStart === weekStart
      ? weekLog.data
      : undefined;
  // A submitted or approved week offers no changes; until its status is known, neither does it.
  const frozen = log !== undefined && !isWeekEditable(log.status);
  const noAssignments = assignments.data !== undefined && assignments.data.length === 0;
  const canLog =
    worker !== null &&
    assignments.data !== undefined &&
    !noAssignments &&
    log !== undefined &&
    !frozen;

  // A new entry starts on today when today is in the week shown, else on the week's Monday.
  const defaultDate = weekStart <= today && today <= addDaysIso(weekStart, 6) ? today : weekStart;
  const weekData = week.data?.weekStart === weekStart ? week.data : undefined;

  const logButton = frozen ? null : (
    <Button
      leftSection={<IconPlus size={17} />}
      onClick={() => setEditing({ date: defaultDate })}
      disabled={!canLog}
      data-shortcut="new-entry"
      data-focus-home
    >
      Log hours
    </Button>
  );

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      const gone = deleting;
      await remove.mutateAsync({ id: gone.id });
      // Undo adds the same entry back through the API (a new record, audited as an addition).
      notify({
        color: 'teal',
        autoClose: 10_000,
        message: (
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <span>Entry deleted</span>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                // Replaced at once, so the Undo button cannot be pressed twice.
                notify({ message: 'Restoring the entry…', loading: true, autoClose: false });
                restore
                  .mutateAsync({
                    workerId: gone.workerId,
                    date: gone.date,
                    siteId: gone.siteId,
                    supervisorId: gone.supervisorId,
                    category: gone.category,
                    minutes: gone.minutes,
                    note: gone.note,
                  })
                  .then(
                    () => notify({ message: 'Entry restored', color: 'teal' }),
                    (err: unknown) =>
                      notify({
                        title: 'Not restored',
                        message: errorMessage(err),
                        color: 'red',
                      }),
                  );
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    } catch (err) {
      notify({ title: 'Not deleted', message: errorMessage(err), color: 'red' });
    }
    setDeleting(null);
  };

  return (
    <>
      {props.header(logButton)}

      <Paper withBorder radius="md" shadow="xs" px="md" py="sm" mb="md">
        <Group justify="space-between" wrap="nowrap" gap="md">
          {props.pickWorker ? (
            <Select
              label="Worker"
              w={280}
              searchable
              allowDeselect={false}
              data={props.workerOptions}
              value={worker ? String(worker.id) : null}
              onChange={(v) => v && props.onWorker(Number(v))}
              placeholder="Choose a worker"
              styles={{
                root: { display: 'flex', alignItems: 'center', gap: 12 },
                label: { marginBottom: 0 },
              }}
              nothingFoundMessage="No worker matches"
            />
          ) : (
            <Group gap={12} wrap="nowrap">
              <Text size="sm" fw={500}>
                Worker
              </Text>
              <Text size="sm" fw={650} data-testid="own-worker">
                {worker ? fullName(worker) : '—'}
              </Text>
            </Group>
          )}
          <Group gap="xs" wrap="nowrap" role="group" aria-label="Week">
            <Tooltip label="Previous week">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Previous week"
                data-shortcut="previous-week"
                onClick={() => props.onWeek(addDaysIso(weekStart, -7))}
              >
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Group gap={8} miw={210} justify="center" wrap="nowrap">
              <IconCalendarWeek size={18} color="var(--mantine-color-gray-6)" aria-hidden />
              <Title order={2} fz="md" fw={650} className="tabular" aria-live="polite">
                {formatWeekRange(weekStart)}
              </Title>
              {week.isFetching && <Loader size={12} aria-label="Loading week" />}
            </Group>
            <Tooltip label="Next week">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Next week"
                data-shortcut="next-week"
                disabled={weekStart >= props.thisWeek}
                onClick={() => props.onWeek(addDaysIso(weekStart, 7))}
              >
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
            <Button
              variant="default"
              onClick={() => props.onWeek(props.thisWeek)}
              disabled={weekStart === props.thisWeek}
            >
              This week
            </Button>
          </Group>
        </Group>
      </Paper>

      {worker && noAssignments && (
        <Alert
          color="orange"
          variant="light"
          mb="md"
          icon={<IconAlertTriangle size={18} />}
          title="No supervisor assigned"
        >
          {fullName(worker)} can log hours once a supervisor is assigned at a site.{' '}
          {props.canAssign ? (
            <Anchor href={routeHref('workers', { supervision: worker.id })} fw={600}>
              Assign a supervisor
            </Anchor>
          ) : (
            'The practice owner makes the assignments.'
          )}
        </Alert>
      )}

      {worker && log && (
        <WeekReviewBar
          log={log}
          workerName={fullName(worker)}
          entryCount={weekData?.entries.length ?? 0}
          today={today}
        />
      )}

      {worker === null ? (
        <Empty
          icon={<IconUsers size={26} />}
          title="Choose a worker"
          description="Pick whose hours to show from the list above."
        />
      ) : (
        <Group align="flex-start" gap="md" wrap="nowrap">
          <Box style={{ flex: 1, minWidth: 0 }}>
            <QueryState query={week}>
              {() =>
                weekData ? (
                  <Stack gap="sm">
                    {/* An empty week still shows its seven days, each with its own "+". */}
                    {weekData.entries.length === 0 && (
                      <Paper withBorder radius="md" p="md">
                        <Group gap="sm" wrap="nowrap">
                          <IconCalendarWeek size={22} aria-hidden />
                          <div>
                            <Title order={3} fz="md">
                              No entries this week
                            </Title>
                            <Text size="sm" c="dimmed">
                              {`Nothing is logged for ${fullName(worker)} in the week of ${formatWeekRange(weekStart)}.`}
                              {canLog && ' Use "+" on a day, or press N.'}
                            </Text>
                          </div>
                        </Group>
                      </Paper>
                    )}
                    <WeekDays
                      week={weekData}
                      today={today}
                      siteById={siteById}
                      supervisorById={supervisorById}
                      canLog={canLog}
                      frozen={frozen}
                      onAdd={onAdd}
                      onEdit={onEdit}
                      onDelete={setDeleting}
                    />
                  </Stack>
                ) : (
                  <Group justify="center" py={64}>
                    <Loader size="sm" aria-label="Loading" />
                  </Group>
                )
              }
            </QueryState>
          </Box>
          <Box w={{ base: 290, lg: 330 }} style={{ flexShrink: 0, position: 'sticky', top: 72 }}>
            <WeekTotals week={weekData} />
          </Box>
        </Group>
      )}

      {editing && worker && (
        <HourEntryModal
          worker={worker}
          entry={editing.entry}
          defaultDate={editing.date}
          assignments={assignments.data ?? []}
          sites={sites.data ?? []}
          supervisors={supervisors.data ?? []}
          previous={weekData?.entries.at(-1)}
          loggedOn={(date) => weekData?.dayTotals[date]}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            // Show the week the entry landed in.
            if (weekStartOf(saved.date) !== weekStart) props.onWeek(weekStartOf(saved.date));
          }}
        />
      )}

      <ConfirmDialog
        opened={deleting !== null}
        title="Delete entry?"
        confirmLabel="Delete entry"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => void confirmDelete()}
      >
        {deleting &&
          `${formatMinutes(deleting.minutes)} of ${CATEGORY_LABELS[deleting.category]} on ${formatDayLong(deleting.date)} will be removed. You can undo this right after.`}
      </ConfirmDialog>
    </>
  );
}
