import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { RetentionRuleView } from '../../../../../shared/domain/privacy/retention-rules';
import { useApiQuery } from '../../../api/queries';
import { QueryState } from '../../../components/QueryState';
import { RuleEditModal } from './RuleEditModal';

/** The rules a deletion is checked against; defaults to check against the board's rules. */
export function RetentionRulesTable() {
  const rules = useApiQuery('privacy.retention.list', {});
  const [editing, setEditing] = useState<RetentionRuleView | null>(null);
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <div>
          <Title order={3}>Retention rules</Title>
          <Text size="sm" c="dimmed">
            Practice defaults: check each against your licensing board&rsquo;s rules. A rule that is
            off keeps nothing.
          </Text>
        </div>
        <QueryState query={rules}>
          {(list) => (
            <Table aria-label="Retention rules" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>Keeps for</Table.Th>
                  <Table.Th>Counted from</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td maw={460}>
                      <Text fw={600} size="sm">
                        {r.label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.description}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.years} years</Table.Td>
                    <Table.Td>{r.countsFrom}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={r.active ? 'teal' : 'gray'}
                        style={{ flexShrink: 0, overflow: 'visible' }}
                        miw={72}
                      >
                        {r.active ? 'Applies' : 'Off'}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(r)}
                        aria-label={`Edit ${r.label}`}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Stack>
      {editing && <RuleEditModal rule={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
