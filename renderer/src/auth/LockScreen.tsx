import {
  Anchor,
  Avatar,
  Button,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconKey, IconLock, IconLockOpen, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../main/domain/records';
import { api, ApiError } from '../api/client';
import { useApiForm } from '../lib/forms';
import { AuthAlert } from './AuthAlert';
import { AuthLayout } from './AuthLayout';
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
 * Shown over nothing: the app beneath is unmounted and its records dropped. The signed-in
 * user unlocks with their password; the owner may use the recovery code instead.
 */
export function LockScreen({ status }: { status: AuthStatus }) {
  const user = status.user;
  const [mode, setMode] = useState<'password' | 'recovery'>('password');
  const [busy, setBusy] = useState(false);
  const form = useForm<{ password: string; code: string }>({
    defaultValues: { password: '', code: '' },
  });
  const { errors } = form.formState;

  const { onSubmit, formError } = useApiForm(form, ['password', 'code'], async (values) => {
    setBusy(true);
    try {
      setStatus(
        mode === 'password'
          ? await api.call('auth.unlock', { password: values.password })
          : await api.call('auth.recover', { code: values.code }),
      );
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

  const switchMode = (next: 'password' | 'recovery') => {
    form.clearErrors();
    setMode(next);
  };

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

          {mode === 'password' ? (
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              autoFocus
              {...form.register('password')}
              error={errors.password?.message}
            />
          ) : (
            <TextInput
              label="Recovery code"
              description="The code shown when Hourkeep was set up."
              placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
              leftSection={<IconKey size={16} />}
              autoComplete="off"
              spellCheck={false}
              autoFocus
              classNames={{ input: 'mono-input' }}
              {...form.register('code')}
              error={errors.code?.message}
            />
          )}

          <Button type="submit" fullWidth loading={busy} leftSection={<IconLockOpen size={18} />}>
            Unlock
          </Button>

          <Group justify={user?.role === 'owner' ? 'space-between' : 'center'}>
            {user?.role === 'owner' && (
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => switchMode(mode === 'password' ? 'recovery' : 'password')}
              >
                {mode === 'password' ? 'Use recovery code' : 'Use password'}
              </Anchor>
            )}
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
