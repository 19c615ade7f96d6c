import { Button, Stack, Text, Title } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ReviewerStatus } from '../../../shared/domain/reviewer';
import { api } from '../api/client';
import { AuthLayout } from '../auth/AuthLayout';
import { lockReasonText } from '../auth/LockScreen';
import { PasswordField } from '../components/fields';
import { ErrorAlert } from '../components/ErrorAlert';
import { useApiForm } from '../lib/forms';
import { setReviewerStatus } from './reviewer-session';

/** The reviewer profile is locked: its keys are out of memory until the password is given. */
export function ReviewerLock({ status }: { status: ReviewerStatus }) {
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const [busy, setBusy] = useState(false);
  const { onSubmit, formError } = useApiForm(form, ['password'], async (v) => {
    setBusy(true);
    try {
      setReviewerStatus(await api.call('reviewer.unlock', { password: v.password }));
    } catch (err) {
      form.setValue('password', '');
      throw err;
    } finally {
      setBusy(false);
    }
  });
  return (
    <AuthLayout>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          <Stack gap={6} align="center">
            <Text size="sm" fw={600} c="brand.8" tt="uppercase" lts="0.04em">
              Reviewer profile
            </Text>
            <Title order={1} fz={22}>
              {status.profile?.name}
            </Title>
            <Text size="sm" c="dimmed">
              {status.lockReason
                ? lockReasonText({ lockReason: status.lockReason, idleMinutes: status.idleMinutes })
                : 'Locked'}
            </Text>
          </Stack>
          {status.problem && (
            <ErrorAlert title="The reviewer profile cannot be opened">{status.problem}</ErrorAlert>
          )}
          {formError && <ErrorAlert title="Still locked">{formError}</ErrorAlert>}
          <PasswordField
            form={form}
            name="password"
            label="Password"
            autoComplete="current-password"
            autoFocus
          />
          <Button type="submit" loading={busy} leftSection={<IconLockOpen size={17} />}>
            Unlock
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
