import { Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useForm } from 'react-hook-form';
import { ReturnCommentField } from '../../components/ReturnCommentField';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { formatWeekRange } from '../../lib/dates';
import { useApiForm } from '../../lib/forms';

/** Sends a submitted week back to the worker; the comment says what to fix. */
export function ReturnModal(props: {
  workerId: number;
  workerName: string;
  weekStart: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const send = useApiMutation('weeks.return');
  const form = useForm<{ comment: string }>({ defaultValues: { comment: '' } });
  const { onSubmit, formError } = useApiForm(form, ['comment'], async (v) => {
    await send.mutateAsync({
      workerId: props.workerId,
      weekStart: props.weekStart,
      comment: v.comment,
    });
    notify({ message: `Week returned to ${props.workerName}`, color: 'teal' });
    props.onDone();
  });
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Return week"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Return week"
      submitting={send.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        {props.workerName}&rsquo;s week of {formatWeekRange(props.weekStart)} goes back to them to
        correct and resubmit. They see your comment on their Hours screen.
      </Text>
      <ReturnCommentField form={form} />
    </FormModal>
  );
}
