import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notify } from '../../../lib/notify';
import { useState } from 'react';
import { api, errorMessage } from '../../../api/client';
import { useApiQuery } from '../../../api/queries';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../lib/dates';

/** Deletions a retention rule postponed; the app runs them daily, the owner may run them now. */
export function ScheduledDeletions() {
  const scheduled = useApiQuery('privacy.deletion.scheduled', {});
  const [running, setRunning] = useState(false);
  const runDue = async () => {
    setRunning(true);
    try {
      const r = await api.call('privacy.deletion.runDue', {});
      notify({
        message:
          r.people.length === 0
            ? 'No deletion is due today.'
            : `Carried out ${r.people.length} scheduled deletion${r.people.length > 1 ? 's' : ''}.`,
        color: 'teal',
      });
    } catch (err) {
      notify({ message: errorMessage(err), color: 'red' });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>Scheduled deletions</Title>
            <Text size="sm" c="dimmed">
              Kept under a rule until the date shown; the app deletes them on that day (it checks at
              start-up and every hour).
            </Text>
          </div>
          <Button variant="default" onClick={() => void runDue()} loading={running}>
            Run due deletions now
          </Button>
        </Group>
        <QueryState query={scheduled}>
          {(rows) =>
            rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing is scheduled.
              </Text>
            ) : (
              <Table aria-label="Scheduled deletions" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>Reference</Table.Th>
                    <Table.Th>Kept by</Table.Th>
                    <Table.Th>Request</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatDate(r.dueOn)}</Table.Td>
                      <Table.Td>
                        {r.personName ?? (
                          <Text size="sm" c="dimmed">
                            Profile already deleted ({r.personType})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text ff="monospace" size="sm">
                          {r.personRef ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {r.rules.map((rule) => (
                            <Badge key={rule.key} variant="light">
                              {rule.label}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{r.requestId ? `#${r.requestId}` : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
