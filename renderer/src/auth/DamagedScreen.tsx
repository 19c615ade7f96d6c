import { Alert, Button, Stack, Title } from '@mantine/core';
import { IconAlertTriangle, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuthStatus } from '../../../shared/domain/records';
import { AuthLayout } from './AuthLayout';
import { RestoreFromBackup } from './RestoreFromBackup';

/**
 * A file of the practice is missing or damaged (or belongs to another practice). Main's message
 * names the file and what to do; the way forward is a backup and its recovery code. Hourkeep
 * never sets up a new, empty practice over it.
 */
export function DamagedScreen({ status }: { status: AuthStatus }) {
  const [restoring, setRestoring] = useState(false);
  if (restoring) return <RestoreFromBackup onBack={() => setRestoring(false)} />;
  return (
    <AuthLayout width={560}>
      <Stack gap="lg">
        <Title order={1} fz={24} c="dark.8">
          The practice cannot be opened
        </Title>
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={20} />}
          title="Hourkeep found a problem with its files"
          role="alert"
          data-testid="damaged-message"
        >
          {status.keychainMessage}
        </Alert>
        <Button leftSection={<IconRestore size={18} />} onClick={() => setRestoring(true)}>
          Restore from a backup
        </Button>
      </Stack>
    </AuthLayout>
  );
}
