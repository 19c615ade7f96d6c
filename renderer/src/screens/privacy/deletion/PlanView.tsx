import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { PlanLine, RetainedLine } from '../../../../../shared/domain/privacy/deletion-plan';
import { formatDate } from '../../../lib/dates';

/** What goes now, what is kept (by which rule, until when), and the backups date. */
export function PlanView(props: {
  deleteNow: PlanLine[];
  retained: RetainedLine[];
  anonymised: RetainedLine[];
  goneFromBackupsBy: string;
  deletedHeading?: string;
}) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            {props.deletedHeading ?? 'Deleted now'}
          </Title>
          {props.deleteNow.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing: every part is kept by a rule.
            </Text>
          ) : (
            <Table aria-label="Deleted now" verticalSpacing={4}>
              <Table.Tbody>
                {props.deleteNow.map((l) => (
                  <Table.Tr key={l.category}>
                    <Table.Td>{l.label}</Table.Td>
                    <Table.Td ta="right">{l.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            Kept
          </Title>
          {props.retained.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing is kept.
            </Text>
          ) : (
            <Table aria-label="Kept" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Deleted on</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {props.retained.map((r) => (
                  <Table.Tr key={`${r.category}-${r.lapsesOn ?? 'open'}-${r.count}`}>
                    <Table.Td>
                      {r.label} ({r.count})
                    </Table.Td>
                    <Table.Td>
                      {r.ruleLabel ?? (
                        <Text size="sm" c="dimmed" title={r.reason}>
                          Needed by another person&rsquo;s records
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.lapsesOn ? formatDate(r.lapsesOn) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
      {props.anonymised.length > 0 && (
        <Text size="sm" c="dimmed">
          Kept without their name:{' '}
          {props.anonymised.map((a) => `${a.label} (${a.count})`).join(', ')} stay in the requests
          register under a reference.
        </Text>
      )}
      <Group gap="xs">
        <Badge variant="light" color="indigo">
          Backups
        </Badge>
        <Text size="sm">
          What is deleted now is gone from every backup by{' '}
          <b data-testid="gone-from-backups">{formatDate(props.goneFromBackupsBy)}</b>, when the
          last backup holding it expires.
        </Text>
      </Group>
    </Stack>
  );
}
