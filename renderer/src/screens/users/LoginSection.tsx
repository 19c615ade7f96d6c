import { Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSupervisorRecords, useUsers, useWorkers } from '../../api/queries';
import { UserFormModal, type LoginFor } from './UserFormModal';

/**
 * A worker's or supervisor's sign-in, in their record's form: the account linked to them, or a
 * "Create a login" button that opens the Add user dialog made out for them (in place of the
 * record's dialog, which comes back with its edits when that one closes).
 */
export function LoginSection(props: LoginFor & { openDialog: (dialog: ReactNode) => void }) {
  const { kind, person, openDialog } = props;
  const users = useUsers();
  const workers = useWorkers();
  const supervisors = useSupervisorRecords();
  if (!users.data) return null;
  const account = users.data.find((u) =>
    kind === 'worker' ? u.workerId === person.id : u.supervisorId === person.id,
  );
  const create = () =>
    openDialog(
      <UserFormModal
        workers={workers.data ?? []}
        supervisors={supervisors.data ?? []}
        loginFor={{ kind, person }}
        onClose={() => openDialog(null)}
      />,
    );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="login-title">
      <Title order={2} fz="md" fw={650} id="login-title" mb={4}>
        Sign-in
      </Title>
      {account ? (
        <Group gap="xs">
          <Text size="sm">
            Signs in as <strong className="mono-text">{account.username}</strong>
          </Text>
          {account.disabled && (
            <Badge size="xs" variant="light" color="gray">
              Disabled
            </Badge>
          )}
        </Group>
      ) : (
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="gray.7">
            No login yet: they cannot sign in to Hourkeep.
          </Text>
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconUserPlus size={15} />}
            onClick={create}
          >
            Create a login
          </Button>
        </Group>
      )}
    </Paper>
  );
}
