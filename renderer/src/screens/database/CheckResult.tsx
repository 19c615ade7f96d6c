import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ServerCheck } from '../../../../shared/domain/database';

/** What "Test connection" found: the server's version, how the link is protected, and the room. */
export function CheckResult({ check }: { check: ServerCheck }) {
  const emptiness = check.empty
    ? 'Empty: ready for this practice'
    : check.holdsPractice
      ? 'Holds a practice already'
      : 'Holds tables already: choose an empty database';
  return (
    <Alert
      mt="md"
      color={check.empty ? 'teal' : 'orange'}
      variant="light"
      icon={check.empty ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
      title={check.empty ? 'Connected' : 'Connected, but this database is not empty'}
      role="status"
      data-testid="server-check"
    >
      <List size="sm" spacing={2}>
        <List.Item>PostgreSQL {check.serverVersion}</List.Item>
        <List.Item>
          {check.socket ? 'Local socket' : 'Encrypted (TLS, certificate checked)'}
        </List.Item>
        <List.Item>
          <Text span size="sm" fw={600}>
            {emptiness}
          </Text>
        </List.Item>
      </List>
    </Alert>
  );
}
