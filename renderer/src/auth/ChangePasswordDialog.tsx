import { PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useApiMutation } from '../api/queries';
import { FormModal } from '../components/FormModal';
import { useApiForm } from '../lib/forms';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The signed-in user's own password: the current one, then the new one twice. */
export function ChangePasswordDialog(props: { onClose: () => void }) {
  const change = useApiMutation('account.changePassword');
  const form = useForm<Values>({
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;
  const { onSubmit, formError } = useApiForm(
    form,
    ['currentPassword', 'newPassword', 'confirmPassword'],
    async (v) => {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      notifications.show({ message: 'Password changed', color: 'teal' });
      props.onClose();
    },
  );

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Change password"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Change password"
      submitting={change.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        Use at least 10 characters. A short sentence is easier to remember than a jumble.
      </Text>
      <PasswordInput
        label="Current password"
        autoComplete="current-password"
        data-autofocus
        withAsterisk
        {...form.register('currentPassword')}
        error={errors.currentPassword?.message}
      />
      <PasswordInput
        label="New password"
        autoComplete="new-password"
        withAsterisk
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
