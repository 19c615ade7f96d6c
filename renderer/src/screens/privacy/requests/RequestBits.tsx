import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  describeEntry,
  type PrivacyRequestView,
} from '../../../../../shared/domain/privacy/requests';
import { useSites } from '../../../api/queries';
import { Empty } from '../../../components/Empty';
import { QueryState } from '../../../components/QueryState';
import { CATEGORY_LABELS } from '../../../lib/categories';
import { formatDate } from '../../../lib/dates';

const STATUS_COLORS = {
  open: 'blue',
  accepted: 'yellow',
  declined: 'red',
  partial: 'orange',
  completed: 'teal',
} as const;

export function RequestStatusBadge({ request }: { request: PrivacyRequestView }) {
  const label =
    request.status === 'accepted' && request.weekProgress === 'awaiting-sign-off'
      ? 'Accepted — awaiting sign-off'
      : REQUEST_STATUS_LABELS[request.status];
  return (
    <Badge color={STATUS_COLORS[request.status]} variant="light" data-testid="request-status">
      {label}
    </Badge>
  );
}

/** The week change asked for, in words: "Tue 10 Nov, 60 min → 90 min". */
export function WeekChange({ request }: { request: PrivacyRequestView }) {
  const sites = useSites();
  const siteName = (id: number) => sites.data?.find((s) => s.id === id)?.name ?? `site #${id}`;
  const d = request.details;
  if (d.target !== 'week') return null;
  const p = d.proposed;
  const changes = [
    p.date !== undefined && `date ${p.date}`,
    p.minutes !== undefined && `${p.minutes} min`,
    p.category !== undefined && CATEGORY_LABELS[p.category],
    p.siteId !== undefined && `at ${siteName(p.siteId)}`,
    p.note !== undefined && (p.note ? `note "${p.note}"` : 'no note'),
  ].filter(Boolean);
  return (
    <Text size="sm">
      {d.removeEntry
        ? `Remove: ${describeEntry(d.entryBefore, siteName)}`
        : d.entryBefore
          ? `${describeEntry(d.entryBefore, siteName)} → ${changes.join(', ')}`
          : `Add: ${changes.join(', ')}`}
    </Text>
  );
}

/** One request with what was asked, how identity was checked, and the outcome. */
export function RequestCard(props: {
  request: PrivacyRequestView;
  showPerson?: boolean;
  actions?: ReactNode;
}) {
  const r = props.request;
  return (
    <Paper withBorder radius="md" p="md" data-testid={`request-${r.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={650}>
              #{r.id} {REQUEST_KIND_LABELS[r.kind]}
              {props.showPerson && r.personName ? ` — ${r.personName}` : ''}
            </Text>
            <RequestStatusBadge request={r} />
          </Group>
          <Text size="sm">{r.summary}</Text>
          <WeekChange request={r} />
          {r.details.note && (
            <Text size="sm" c="gray.7">
              Note: {r.details.note}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Received {formatDate(r.receivedOn)} · identity: {r.identityMethod ?? '—'}
            {r.identityVerifiedByName ? ` (verified by ${r.identityVerifiedByName})` : ''}
          </Text>
          <Text size="sm" fw={500} data-testid="request-outcome">
            {r.outcomeText}
          </Text>
          {r.decidedAt && (
            <Text size="xs" c="dimmed">
              Decided {formatDate(r.decidedAt.slice(0, 10))} by {r.decidedByName ?? '—'}
            </Text>
          )}
        </Stack>
        {props.actions}
      </Group>
    </Paper>
  );
}

/** A read of requests as cards, or, when there are none, why the list is empty. */
export function RequestList(props: {
  query: UseQueryResult<PrivacyRequestView[], unknown>;
  empty: { title: string; description: string };
  showPerson?: boolean;
  actions?: (request: PrivacyRequestView) => ReactNode;
}) {
  return (
    <QueryState
      query={props.query}
      empty={<Empty icon={<IconInbox size={28} />} {...props.empty} />}
    >
      {(list) => (
        <Stack gap="sm">
          {list.map((r) => (
            <RequestCard
              key={r.id}
              request={r}
              showPerson={props.showPerson}
              actions={props.actions?.(r)}
            />
          ))}
        </Stack>
      )}
    </QueryState>
  );
}
