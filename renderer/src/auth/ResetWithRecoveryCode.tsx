import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { navigate } from '../lib/route';
import { AuthAlert } from './AuthAlert';
import { AuthLayout } from './AuthLayout';
import { setStatus } from './session';

interface Values {
  username: string;
  code: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * An owner who forgot their password sets a new one with the recovery code, and is signed in.
 * The recovery code never just unlocks someone's session; this is recorded in the audit trail.
 */
export function ResetWithRecoveryCode(props: { practiceName: string | null; onBack: () => void }) {
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    defaultValues: { username: '', code: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;
  const { onSubmit, formError } = useApiForm(
    form,
    ['username', 'code', 'newPassword'],
    async ({ username, code, newPassword }) => {
      setBusy(true);
      try {
        const next = await api.call('auth.resetWithRecoveryCode', { username, code, newPassword });
        if (next.phase === 'active') navigate('dashboard', {}, { replace: true });
        setStatus(next);
      } finally {
        setBusy(false);
      }
    },
  );
  return (
    <AuthLayout width={480}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          <Stack gap={4}>
            {props.practiceName && (
              <Text size="sm" fw={600} c="brand.8" tt="uppercase" lts="0.04em">
                {props.practiceName}
              </Text>
            )}
            <Title order={1} fz={24} c="dark.8">
              New owner password
            </Title>
            <Text size="sm" c="dimmed">
              For practice owners: the recovery code lets you set a new password. Other people ask
              an owner to reset theirs.
            </Text>
          </Stack>
          {formError && <AuthAlert title="Password not changed">{formError}</AuthAlert>}
          <TextInput
            label="Owner username"
            autoComplete="username"
            spellCheck={false}
            autoFocus
            {...form.register('username')}
            error={errors.username?.message}
          />
          <TextInput
            label="Recovery code"
            placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
            leftSection={<IconKey size={16} />}
            autoComplete="off"
            spellCheck={false}
            classNames={{ input: 'mono-input' }}
            {...form.register('code')}
            error={errors.code?.message}
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters."
            autoComplete="new-password"
            {...form.register('newPassword')}
            error={errors.newPassword?.message}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            {...form.register('confirmPassword', {
              validate: (v, values) => v === values.newPassword || 'The passwords do not match',
            })}
            error={errors.confirmPassword?.message}
          />
          <Button type="submit" fullWidth loading={busy} leftSection={<IconLockOpen size={18} />}>
            Set password and sign in
          </Button>
          <Anchor component="button" type="button" size="sm" ta="center" onClick={props.onBack}>
            Back to sign-in
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
