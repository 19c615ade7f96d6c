import { PasswordInput, Text } from '@mantine/core';
import { useForm } from 'react-hook-form';
import type { DeletionResult } from '../../../../../shared/domain/privacy/deletion-plan';
import { api } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useApiForm } from '../../../lib/forms';
import type { PersonChoice } from './usePeopleOptions';

/** Deleting is final: the owner re-enters their password, counted toward lockout like sign-in. */
export function ConfirmDeletionModal(props: {
  choice: PersonChoice;
  requestId: number | null;
  onClose: () => void;
  onDone: (result: DeletionResult) => void;
}) {
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const { onSubmit, formError } = useApiForm(form, ['password'], async (v) => {
    const result = await api.call('privacy.deletion.execute', {
      ...props.choice,
      requestId: props.requestId,
      password: v.password,
    });
    props.onDone(result);
  });
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Delete this person's data"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Delete"
      submitting={form.formState.isSubmitting}
      error={formError}
    >
      <Text size="sm">
        What no retention rule keeps is removed now and cannot be restored except from a backup.
        What a rule keeps is deleted on its date.
      </Text>
      <PasswordInput
        label="Your password"
        description="Confirms that you are deleting"
        autoComplete="current-password"
        withAsterisk
        data-autofocus
        {...form.register('password')}
        error={form.formState.errors.password?.message}
      />
    </FormModal>
  );
}
