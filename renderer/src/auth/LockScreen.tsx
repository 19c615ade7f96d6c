import { Anchor, Avatar, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconLock, IconLockOpen, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../shared/domain/records';
import { api, ApiError } from '../api/client';
import { useApiForm } from '../lib/forms';
import { PasswordField } from '../components/fields';
import { AuthAlert } from './AuthAlert';
import { AuthLayout } from './AuthLayout';
import { SignInScreen } from './SignInScreen';
import { currentStatus, refreshStatus, setNotice, setStatus, signOut } from './session';

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

/** Why the app is locked, in a few words. */
export function lockReasonText(status: Pick<AuthStatus, 'lockReason' | 'idleMinutes'>): string {
  switch (status.lockReason) {
    case 'idle':
      return `Locked after ${status.idleMinutes} ${status.idleMinutes === 1 ? 'minute' : 'minutes'} idle`;
    case 'os-lock':
      return 'Locked when the computer was locked';
    case 'suspend':
      return 'Locked when the computer went to sleep';
    default:
      return 'Locked';
  }
}

/**
 * Shown over nothing: the app beneath is unmounted, its records dropped, and in main the
 * database is closed and its keys overwritten. The signed-in person unlocks with their password;
 * someone else signs in (which ends the locked session); an owner who forgot their password
 * sets a new one with the recovery code from the sign-in form.
 */
export function LockScreen({ status }: { status: AuthStatus }) {
  const user = status.user;
  const [someoneElse, setSomeoneElse] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });

  const { onSubmit, formError } = useApiForm(form, ['password'], async (values) => {
    setBusy(true);
    try {
      setStatus(await api.call('auth.unlock', { password: values.password }));
    } catch (err) {
      form.setValue('password', '');
      // Locked out while locked: main signs the session out; say why on the sign-in screen.
      if (err instanceof ApiError && err.code === 'forbidden') {
        await refreshStatus();
        if (currentStatus()?.phase === 'signed-out') {
          setNotice(err.message);
          return;
        }
      }
      throw err;
    } finally {
      setBusy(false);
    }
  });

  if (someoneElse) return <SignInScreen status={status} onBack={() => setSomeoneElse(false)} />;

  return (
    <AuthLayout>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          <Stack gap={14} align="center">
            <Text size="sm" fw={600} c="brand.8" tt="uppercase" lts="0.04em" ta="center">
              {status.practiceName}
            </Text>
            <div className="lock-avatar">
              <Avatar size={64} radius={64} color="brand" variant="light">
                {user ? initials(user.displayName) : ''}
              </Avatar>
              <span className="lock-badge" aria-hidden>
                <IconLock size={14} stroke={2.2} />
              </span>
            </div>
            <Stack gap={2} align="center">
              <Title order={1} fz={22} c="dark.8" ta="center">
                {user?.displayName ?? 'Locked'}
              </Title>
              <Text size="sm" c="dimmed" data-testid="lock-reason">
                {lockReasonText(status)}
              </Text>
            </Stack>
          </Stack>

          {formError && <AuthAlert title="Still locked">{formError}</AuthAlert>}

          <PasswordField
            form={form}
            name="password"
            label="Password"
            autoComplete="current-password"
            autoFocus
          />

          <Button type="submit" fullWidth loading={busy} leftSection={<IconLockOpen size={18} />}>
            Unlock
          </Button>

          <Group justify="space-between">
            <Anchor component="button" type="button" size="sm" onClick={() => setSomeoneElse(true)}>
              Sign in as someone else
            </Anchor>
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              leftSection={<IconLogout size={15} />}
              onClick={() => void signOut()}
            >
              Sign out
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
