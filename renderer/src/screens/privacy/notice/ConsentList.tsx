import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { notify } from '../../../lib/notify';
import type { MyConsents } from '../../../../../shared/domain/privacy/notice';
import type { ConsentPurpose, PersonKey } from '../../../../../shared/domain/privacy/people';
import { api, errorMessage } from '../../../api/client';
import { formatDate } from '../../../lib/dates';

const day = (iso: string) => formatDate(iso.slice(0, 10));
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Grant or withdraw; `person` only when the owner records it on someone's behalf. */
export function useSetConsent(person?: PersonKey) {
  return useMutation({
    mutationFn: (i: { purpose: ConsentPurpose; granted: boolean }) =>
      api.call('privacy.consents.set', { ...(person ?? {}), ...i }),
    onError: (err) => notify({ color: 'red', message: errorMessage(err) }),
  });
}

/** Each purpose with its state, since when, and the button that changes it. */
export function ConsentPurposes(props: {
  consents: MyConsents;
  person?: PersonKey;
  /** Words for the buttons: the owner records, the person grants. */
  onBehalf?: boolean;
}) {
  const set = useSetConsent(props.person);
  return (
    <Paper withBorder radius="md">
      {props.consents.purposes.map((p, i) => (
        <Group
          key={p.purpose}
          justify="space-between"
          wrap="nowrap"
          px="md"
          py="sm"
          style={i ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
          data-testid={`consent-${p.purpose}`}
        >
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {p.label}
            </Text>
            <Group gap="xs">
              <Badge color={p.granted ? 'teal' : 'gray'} variant="light">
                {p.granted ? 'Granted' : p.at ? 'Withdrawn' : 'Not granted'}
              </Badge>
              <Text size="xs" c="dimmed">
                {p.at ? `since ${day(p.at)}` : 'never asked'}
              </Text>
            </Group>
          </Stack>
          <Button
            size="xs"
            variant={p.granted ? 'default' : 'light'}
            color={p.granted ? 'red' : undefined}
            loading={set.isPending && set.variables?.purpose === p.purpose}
            onClick={() => set.mutate({ purpose: p.purpose, granted: !p.granted })}
            aria-label={`${p.granted ? 'Withdraw' : 'Grant'} consent: ${p.label}`}
          >
            {p.granted
              ? props.onBehalf
                ? 'Record withdrawal'
                : 'Withdraw'
              : props.onBehalf
                ? 'Record consent'
                : 'Grant'}
          </Button>
        </Group>
      ))}
    </Paper>
  );
}

/** Every grant and withdrawal, newest first, with who recorded it. */
export function ConsentHistory({ consents }: { consents: MyConsents }) {
  const labels = Object.fromEntries(consents.purposes.map((p) => [p.purpose, p.label]));
  if (!consents.history.length)
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded yet: every purpose counts as not granted.
      </Text>
    );
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table aria-label="Consent history" fz="sm" verticalSpacing="xs" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Purpose</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consents.history.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>
                {day(h.at)}{' '}
                <Text span size="xs" c="dimmed">
                  {time(h.at)}
                </Text>
              </Table.Td>
              <Table.Td>{labels[h.purpose] ?? h.purpose}</Table.Td>
              <Table.Td>
                <Badge color={h.granted ? 'teal' : 'gray'} variant="light">
                  {h.granted ? 'Granted' : 'Withdrawn'}
                </Badge>
              </Table.Td>
              <Table.Td>
                {h.recordedBy ?? '—'}
                {h.onBehalf && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    (on their behalf)
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
