import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconListDetails,
  IconShieldCheck,
  IconX,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { api, errorMessage, type ApiInput } from '../../api/client';
import { useSupervisors, useUsers, useWorkers } from '../../api/queries';
import { DateInput } from '../../components/DateInput';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import type { AuditEntryView } from '../../lib/domain';
import { formatDate, formatTime, toIsoDate } from '../../lib/dates';
import { fullName } from '../../lib/people';
import { ACTION_OPTIONS, ENTITY_LABELS, actionLabel } from './auditLabels';
import { BeforeAfter } from './BeforeAfter';
import { VerifyResult } from './VerifyResult';
import { TaskProgress } from '../reports/TaskProgress';
import { useProgress } from '../reports/useProgress';
import { ErrorAlert } from '../../components/ErrorAlert';

const PAGE = 100;
type SubjectType = 'worker' | 'supervisor' | 'user';
type Filters = Omit<ApiInput<'audit.list'>, 'beforeId' | 'limit'>;

const SUBJECT_OPTIONS = [
  { value: 'worker', label: 'Worker' },
  { value: 'supervisor', label: 'Supervisor' },
  { value: 'user', label: 'User' },
];

/** The owner's view of the audit log: newest first, filtered, 100 at a time, with a verifier. */
export function AuditScreen() {
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [subjectType, setSubjectType] = useState<SubjectType | null>(null);
  const [subjectId, setSubjectId] = useState<number | ''>('');
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  const filters: Filters = {
    ...(action ? { action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(subjectType ? { subjectType } : {}),
    ...(subjectType && subjectId !== '' ? { subjectId } : {}),
  };
  const filtered = Object.keys(filters).length > 0;

  const entries = useInfiniteQuery({
    queryKey: ['audit.list', filters],
    queryFn: ({ pageParam }) =>
      api.call('audit.list', {
        ...filters,
        limit: PAGE,
        ...(pageParam === undefined ? {} : { beforeId: pageParam }),
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.id : undefined),
    // The log grows with every call, this screen's own reads included: always read afresh.
    staleTime: 0,
  });
  const rows = useMemo(() => entries.data?.pages.flat() ?? [], [entries.data]);

  const verify = useMutation({
    mutationFn: (full: boolean) => api.call('audit.verify', full ? { full: true } : {}),
  });
  const progress = useProgress(['audit-verify'], verify.isPending);
  const names = useSubjectNames();

  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const clear = () => {
    setAction(null);
    setFrom('');
    setTo('');
    setSubjectType(null);
    setSubjectId('');
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in and refusal, in order. Each entry is chained to the one before, so an edit anywhere shows."
        action={
          <Group gap="xs">
            <Tooltip label="Walks the whole trail from its first entry again" openDelay={300}>
              <Button
                variant="subtle"
                disabled={verify.isPending}
                onClick={() => verify.mutate(true)}
              >
                Full check
              </Button>
            </Tooltip>
            <Button
              variant="default"
              leftSection={<IconShieldCheck size={17} />}
              loading={verify.isPending}
              onClick={() => verify.mutate(false)}
            >
              Verify integrity
            </Button>
          </Group>
        }
      />

      {verify.isPending && (
        <Paper withBorder radius="md" px="md" py="sm" mb="md">
          <Group align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <TaskProgress
                label="Checking the audit trail and every week signature"
                progress={progress}
              />
            </div>
            <Button variant="default" onClick={() => void api.call('audit.cancelVerify', {})}>
              Cancel
            </Button>
          </Group>
        </Paper>
      )}
      {verify.data && <VerifyResult result={verify.data} onClose={() => verify.reset()} />}
      {verify.isError && <ErrorAlert mb="md">{errorMessage(verify.error)}</ErrorAlert>}

      <Paper withBorder radius="md" shadow="xs" px="md" py="sm" mb="md">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <Select
            label="Action"
            placeholder="All actions"
            data={ACTION_OPTIONS}
            value={action}
            onChange={setAction}
            clearable
            w={180}
          />
          <DateInput
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={150}
          />
          <DateInput label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={150} />
          <Select
            label="Subject"
            placeholder="Anyone"
            data={SUBJECT_OPTIONS}
            value={subjectType}
            onChange={(v) => setSubjectType(v as SubjectType | null)}
            clearable
            w={140}
          />
          <NumberInput
            label="Subject ID"
            placeholder="Any"
            value={subjectId}
            onChange={(v) => setSubjectId(typeof v === 'number' ? v : '')}
            disabled={!subjectType}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            w={110}
          />
          {filtered && (
            <Button variant="subtle" color="gray" leftSection={<IconX size={15} />} onClick={clear}>
              Clear
            </Button>
          )}
        </Group>
      </Paper>

      {entries.isError ? (
        <ErrorAlert>{errorMessage(entries.error)}</ErrorAlert>
      ) : entries.data === undefined ? (
        <Center py={64}>
          <Loader size="sm" aria-label="Loading" />
        </Center>
      ) : rows.length === 0 ? (
        <Empty
          icon={<IconListDetails size={26} />}
          title={filtered ? 'No entries match' : 'No entries yet'}
          description={
            filtered ? 'Try fewer filters or a wider date range.' : 'Entries appear as people work.'
          }
        />
      ) : (
        <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={720} type="native" className="table-scroll">
            <Table
              className="data-table audit-table"
              aria-label="Audit trail"
              verticalSpacing="xs"
              horizontalSpacing="sm"
              fz="sm"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>
                    <span className="visually-hidden">Details</span>
                  </Table.Th>
                  <Table.Th w={176}>Time</Table.Th>
                  <Table.Th w={100}>Actor</Table.Th>
                  <Table.Th w={130}>Action</Table.Th>
                  <Table.Th w={130} className="col-low">
                    Record
                  </Table.Th>
                  <Table.Th w={160}>Subject</Table.Th>
                  <Table.Th>Detail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <AuditRow
                    key={e.id}
                    entry={e}
                    subject={names(e)}
                    expanded={expanded.has(e.id)}
                    onToggle={() => toggle(e.id)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" px="md" py="sm" className="table-foot">
            <Text size="sm" c="dimmed">
              {rows.length} {rows.length === 1 ? 'entry' : 'entries'} shown
              {entries.hasNextPage ? '' : ' — the whole log'}
              {filtered ? ' matching the filters' : ''}
            </Text>
            {entries.hasNextPage && (
              <Button
                variant="default"
                size="xs"
                loading={entries.isFetchingNextPage}
                onClick={() => void entries.fetchNextPage()}
              >
                Load more
              </Button>
            )}
          </Group>
        </Paper>
      )}
    </>
  );
}

/** Names for the people entries are about, from the lists the owner can read. */
function useSubjectNames() {
  const workers = useWorkers();
  const supervisors = useSupervisors();
  const users = useUsers();
  return useMemo(() => {
    const byType: Record<string, Map<number, string>> = {
      worker: new Map((workers.data ?? []).map((w) => [w.id, fullName(w)])),
      supervisor: new Map((supervisors.data ?? []).map((s) => [s.id, fullName(s)])),
      user: new Map((users.data ?? []).map((u) => [u.id, u.displayName])),
    };
    return (e: AuditEntryView): { name: string | null; ref: string } | null =>
      e.subjectType && e.subjectId !== null
        ? {
            name: byType[e.subjectType]?.get(e.subjectId) ?? null,
            ref: `${e.subjectType} #${e.subjectId}`,
          }
        : null;
  }, [workers.data, supervisors.data, users.data]);
}

function AuditRow(props: {
  entry: AuditEntryView;
  subject: { name: string | null; ref: string } | null;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { entry: e, subject } = props;
  const { label, color } = actionLabel(e.action);
  const hasChange = e.before !== null || e.after !== null;
  const at = new Date(e.at);
  return (
    <Fragment>
      <Table.Tr data-expanded={props.expanded || undefined}>
        <Table.Td>
          {hasChange && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`${props.expanded ? 'Hide' : 'Show'} changes in entry ${e.id}`}
              aria-expanded={props.expanded}
              onClick={props.onToggle}
            >
              {props.expanded ? <IconChevronDown size={15} /> : <IconChevronRight size={15} />}
            </ActionIcon>
          )}
        </Table.Td>
        <Table.Td className="tabular nowrap">
          <Text size="sm" span>
            {formatDate(toIsoDate(at))}
          </Text>{' '}
          <Text size="sm" c="dimmed" span>
            {formatTime(at, true)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" className="mono-text" truncate>
            {e.actor}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge color={color} variant="light" radius="sm">
            {label}
          </Badge>
          {e.redactedAt && (
            <Tooltip
              label={`Personal data removed on ${formatDate(toIsoDate(new Date(e.redactedAt)))}, when the person was deleted; the row stays sealed in the chain`}
              multiline
              w={260}
            >
              <Badge color="gray" variant="outline" radius="sm" ml={6} tabIndex={0}>
                Redacted
              </Badge>
            </Tooltip>
          )}
        </Table.Td>
        <Table.Td className="nowrap col-low">
          {e.entity ? (
            <Text size="sm">
              {ENTITY_LABELS[e.entity] ?? e.entity}
              {e.entityId !== null && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  #{e.entityId}
                </Text>
              )}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {subject ? (
            <>
              <Text size="sm">{subject.name ?? subject.ref}</Text>
              {subject.name && (
                <Text size="xs" c="dimmed">
                  {subject.ref}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" c={e.detail ? undefined : 'dimmed'} style={{ wordBreak: 'break-word' }}>
            {e.detail ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {props.expanded && (
        <Table.Tr className="audit-detail-row">
          <Table.Td colSpan={7}>
            <BeforeAfter before={e.before} after={e.after} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
