import { Anchor, Text } from '@mantine/core';
import { IconLogin2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../shared/domain/records';
import { api, ApiError } from '../api/client';
import { useApiForm } from '../lib/forms';
import { navigate } from '../lib/route';
import { AuthAlert } from './AuthAlert';
import { PasswordField, TextField } from '../components/fields';
import { AuthForm, AuthHeading } from './AuthLayout';
import { ResetWithRecoveryCode } from './ResetWithRecoveryCode';
import { setNotice, setStatus, useSession } from './session';

interface SignInValues {
  username: string;
  password: string;
  /** Asked only when this workstation's keychain lost the practice server's password. */
  serverPassword: string;
}

/**
 * Signed out (or someone else at a locked computer): username and password; main's refusals
 * (throttling, lock-out) shown as they are. Signing in opens the encrypted database.
 */
export function SignInScreen({ status, onBack }: { status: AuthStatus; onBack?: () => void }) {
  const { notice } = useSession();
  const [resetting, setResetting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [needsServerPassword, setNeedsServerPassword] = useState(false);
  const form = useForm<SignInValues>({
    defaultValues: { username: '', password: '', serverPassword: '' },
  });
  const fields = ['username', 'password', 'serverPassword'] as const;
  const { onSubmit, formError } = useApiForm(form, fields, async (values) => {
    setBusy(true);
    try {
      if (needsServerPassword)
        await api.call('database.serverPassword', { serverPassword: values.serverPassword });
      const next = await api.call('auth.signIn', {
        username: values.username,
        password: values.password,
      });
      setNotice(null);
      // Everyone starts on their home screen, whatever the last user left open.
      if (next.phase === 'active') navigate('dashboard', {}, { replace: true });
      setStatus(next);
    } catch (err) {
      if (err instanceof ApiError && err.fields?.serverPassword) setNeedsServerPassword(true);
      form.setValue('password', '');
      throw err;
    } finally {
      setBusy(false);
    }
  });

  if (resetting)
    return (
      <ResetWithRecoveryCode
        practiceName={status.practiceName}
        onBack={() => setResetting(false)}
      />
    );

  return (
    <AuthForm
      onSubmit={onSubmit}
      heading={
        <>
          <AuthHeading practiceName={status.practiceName} title="Sign in" />
          {notice && !formError && <AuthAlert title="Signed out">{notice}</AuthAlert>}
        </>
      }
      error={formError}
      errorTitle="Not signed in"
      submitLabel="Sign in"
      submitIcon={<IconLogin2 size={18} />}
      busy={busy}
      footer={
        <>
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? The practice owner can reset it.{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => setResetting(true)}>
              Owners: use the recovery code
            </Anchor>
          </Text>
          {onBack && (
            <Anchor component="button" type="button" size="sm" ta="center" onClick={onBack}>
              Back to the lock screen
            </Anchor>
          )}
        </>
      }
    >
      <TextField
        form={form}
        name="username"
        label="Username"
        autoComplete="username"
        spellCheck={false}
        autoFocus
      />
      <PasswordField form={form} name="password" label="Password" autoComplete="current-password" />
      {needsServerPassword && (
        <PasswordField
          form={form}
          name="serverPassword"
          label="Database server password"
          description="The practice's server password, as the owner set it up; kept in this computer's keychain"
          autoComplete="off"
        />
      )}
    </AuthForm>
  );
}
