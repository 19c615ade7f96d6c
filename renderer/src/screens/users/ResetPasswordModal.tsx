import { PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import type { UserAccount } from '../../lib/domain';
import { useApiForm } from '../../lib/forms';

/** The owner sets a new password for someone who forgot theirs; it also lifts a lock-out. */
export function ResetPasswordModal(props: { user: UserAccount; onClose: () => void }) {
  const reset = useApiMutation('users.resetPassword');
  const form = useForm<{ newPassword: string; confirmPassword: string }>({
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;
  const { onSubmit, formError } = useApiForm(
    form,
    ['newPassword', 'confirmPassword'],
    async (v) => {
      await reset.mutateAsync({ id: props.user.id, newPassword: v.newPassword });
      notifications.show({ message: `Password reset for ${props.user.username}`, color: 'teal' });
      props.onClose();
    },
  );

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={`Reset password for ${props.user.username}`}
      size="md"
      onSubmit={onSubmit}
      submitLabel="Reset password"
      submitting={reset.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        {props.user.displayName} signs in with this password from now on. Any lock-out after failed
        attempts ends.
      </Text>
      <PasswordInput
        label="New password"
        autoComplete="new-password"
        withAsterisk
        data-autofocus
        {...form.register('newPassword')}
        error={errors.newPassword?.message}
      />
      <PasswordInput
        label="Confirm new password"
        autoComplete="new-password"
        withAsterisk
        {...form.register('confirmPassword', {
          validate: (v, values) => v === values.newPassword || 'The passwords do not match',
        })}
        error={errors.confirmPassword?.message}
      />
    </FormModal>
  );
}
