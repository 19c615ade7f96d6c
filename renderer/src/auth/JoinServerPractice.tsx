import { Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPlugConnected } from '@tabler/icons-react';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { AuthLayout } from './AuthLayout';
import { refreshStatus } from './session';
import { ErrorAlert } from '../components/ErrorAlert';
import { RecoveryCodeField } from '../components/RecoveryCodeField';
import {
  SERVER_DEFAULTS,
  SERVER_FIELDS,
  ServerFields,
  toServerInput,
  type ServerValues,
} from '../components/ServerFields';

interface JoinValues extends ServerValues {
  recoveryCode: string;
}

const FIELDS: Path<JoinValues>[] = [...SERVER_FIELDS, 'recoveryCode'];

/**
 * Main checks the input as `{ server: {...}, recoveryCode }`, so its own rules name the
 * server's fields `server.host` and so on; what the server says comes back as `host`.
 */
const SERVER_PREFIXED = Object.fromEntries(
  SERVER_FIELDS.map((field) => [`server.${field}`, field]),
) as Record<string, Path<JoinValues>>;

/**
 * First run on a further workstation of a practice kept on its PostgreSQL server: the server's
 * details and the recovery code (database.join). Main then reports the practice signed out, and
 * each person signs in with their own password.
 */
export function JoinServerPractice({ onBack }: { onBack: () => void }) {
  const form = useForm<JoinValues>({ defaultValues: { ...SERVER_DEFAULTS, recoveryCode: '' } });
  const { isSubmitting } = form.formState;

  const { onSubmit, formError } = useApiForm(
    form,
    FIELDS,
    async ({ recoveryCode, ...server }) => {
      await api.call('database.join', { server: toServerInput(server), recoveryCode });
      // Main now reports the practice as signed out: the sign-in screen follows.
      await refreshStatus();
    },
    SERVER_PREFIXED,
  );

  return (
    <AuthLayout
      width={640}
      note="Records stay on the practice's server; the key that opens them here stays in this computer's keychain."
    >
      <Stack gap={4} mb="xl">
        <Title order={1} fz={24} c="dark.8">
          Join a practice on a server
        </Title>
        <Text size="sm" c="dimmed">
          Use this on each further workstation of a practice whose data is on its server. The
          practice owner gives you the server&apos;s details and the recovery code; each person then
          signs in here with their own password.
        </Text>
      </Stack>
      <form noValidate onSubmit={onSubmit} aria-label="Join a practice on a server">
        <ServerFields form={form} passwordDescription="Kept in this computer's keychain." />
        <Divider my="lg" />
        <RecoveryCodeField
          form={form}
          name="recoveryCode"
          description="From the practice owner. It opens the practice's data key on this computer."
        />
        {formError && (
          <ErrorAlert title="Not joined" mt="lg">
            {formError}
          </ErrorAlert>
        )}
        <Group justify="space-between" mt="xl">
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={17} />}
            onClick={onBack}
            disabled={isSubmitting}
          >
            Set up a new practice instead
          </Button>
          <Button
            type="submit"
            loading={isSubmitting}
            leftSection={<IconPlugConnected size={17} />}
          >
            Join practice
          </Button>
        </Group>
      </form>
    </AuthLayout>
  );
}
