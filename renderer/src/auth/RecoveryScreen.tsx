import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey, IconLockOpen, IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../main/domain/records';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { AuthAlert } from './AuthAlert';
import { AuthLayout } from './AuthLayout';
import { setStatus } from './session';

/**
 * The data key is not in the keychain (a new computer, a locked or missing keychain): say
 * why, in main's words, and take the recovery code. There is no way around it.
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
            title="Hourkeep cannot read its data key"
            data-testid="keychain-message"
          >
            {status.keychainMessage ??
              "This computer's keychain does not hold Hourkeep's data key. Enter the recovery code to unlock."}
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
            Unlock
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
