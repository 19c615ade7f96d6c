import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey, IconLockOpen, IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../shared/domain/records';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { AuthAlert } from './AuthAlert';
import { AuthLayout } from './AuthLayout';
import { setStatus } from './session';

/**
 * This computer's keychain does not open the practice's key file (a new computer, a copied
 * folder, a locked or reset keychain), or an installation from before encryption waits for
 * its key: say why, in main's words, and take the recovery code. It binds the key file to this
 * keychain (or converts the installation); then everyone signs in with their own password.
 */
export function RecoveryScreen({ status }: { status: AuthStatus }) {
  const [busy, setBusy] = useState(false);
  const form = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const { onSubmit, formError } = useApiForm(form, ['code'], async ({ code }) => {
    setBusy(true);
    try {
      setStatus(await api.call('auth.recover', { code }));
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthLayout width={500}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          <Stack gap={4}>
            {status.practiceName && (
              <Text size="sm" fw={600} c="brand.8" tt="uppercase" lts="0.04em">
                {status.practiceName}
              </Text>
            )}
            <Title order={1} fz={24} c="dark.8">
              Recovery code needed
            </Title>
          </Stack>
          <Alert
            color="orange"
            variant="light"
            icon={<IconShieldExclamation size={20} />}
            title="This computer cannot open the practice yet"
            data-testid="keychain-message"
          >
            {status.keychainMessage ??
              "This computer's keychain does not open the practice. Enter the recovery code."}
          </Alert>
          {formError && <AuthAlert title="Still locked">{formError}</AuthAlert>}
          <TextInput
            label="Recovery code"
            description="The code printed or written down when Hourkeep was set up. Dashes and case don't matter."
            placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
            leftSection={<IconKey size={16} />}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            classNames={{ input: 'mono-input' }}
            {...form.register('code')}
            error={form.formState.errors.code?.message}
          />
          <Button type="submit" fullWidth loading={busy} leftSection={<IconLockOpen size={18} />}>
            Continue
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
