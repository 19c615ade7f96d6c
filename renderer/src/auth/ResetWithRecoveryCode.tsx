import { Anchor, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { navigate } from '../lib/route';
import { TextField } from '../components/fields';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { RecoveryCodeField } from '../components/RecoveryCodeField';
import { AuthForm, AuthHeading } from './AuthLayout';
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
    <AuthForm
      width={480}
      onSubmit={onSubmit}
      heading={
        <AuthHeading practiceName={props.practiceName} title="New owner password">
          <Text size="sm" c="dimmed">
            For practice owners: the recovery code lets you set a new password. Other people ask an
            owner to reset theirs.
          </Text>
        </AuthHeading>
      }
      error={formError}
      errorTitle="Password not changed"
      submitLabel="Set password and sign in"
      submitIcon={<IconLockOpen size={18} />}
      busy={busy}
      footer={
        <Anchor component="button" type="button" size="sm" ta="center" onClick={props.onBack}>
          Back to sign-in
        </Anchor>
      }
    >
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
    </AuthForm>
  );
}
