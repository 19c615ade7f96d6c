import { Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { formatWeekRange } from '../../lib/dates';
import { useApiForm } from '../../lib/forms';

/** Reopens an approved week; the reason travels with the amendment to the supervisor. */
export function AmendmentModal(props: {
  workerId: number;
  weekStart: string;
  onClose: () => void;
}) {
  const start = useApiMutation('weeks.startAmendment');
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const { onSubmit, formError } = useApiForm(form, ['reason'], async (v) => {
    await start.mutateAsync({
      workerId: props.workerId,
      weekStart: props.weekStart,
      reason: v.reason,
    });
    notifications.show({ message: 'Week reopened for an amendment', color: 'teal' });
    props.onClose();
  });
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Start amendment"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Start amendment"
      submitting={start.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        The approved week of {formatWeekRange(props.weekStart)} opens for changes. Its signature
        stays on record; when you submit the amendment, the supervisor approves it again as a new
        version.
      </Text>
      <Textarea
        label="Reason"
        description="What is wrong with the approved week"
        withAsterisk
        autosize
        minRows={2}
        maxRows={6}
        data-autofocus
        {...form.register('reason')}
        error={form.formState.errors.reason?.message}
      />
    </FormModal>
  );
}
