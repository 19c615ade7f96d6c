import { Anchor, Button, Stack, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { navigate } from '../lib/route';
import { AuthAlert } from './AuthAlert';
import { TextField } from '../components/fields';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { RecoveryCodeField } from '../components/RecoveryCodeField';
import { AuthHeading, AuthLayout } from './AuthLayout';
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
          <AuthHeading practiceName={props.practiceName} title="New owner password">
            <Text size="sm" c="dimmed">
              For practice owners: the recovery code lets you set a new password. Other people ask
              an owner to reset theirs.
            </Text>
          </AuthHeading>
          {formError && <AuthAlert title="Password not changed">{formError}</AuthAlert>}
          <TextField
            form={form}
            name="username"
            label="Owner username"
            autoComplete="username"
            spellCheck={false}
            autoFocus
          />
          <RecoveryCodeField form={form} name="code" />
          <NewPasswordFields form={form} description="At least 10 characters." />
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
