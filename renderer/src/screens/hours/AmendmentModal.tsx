import { TextareaField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { formatWeekRange } from '../../lib/dates';
import { useCallForm } from '../../lib/call-form';

/** Reopens an approved week; the reason travels with the amendment to the supervisor. */
export function AmendmentModal(props: {
  workerId: number;
  weekStart: string;
  onClose: () => void;
}) {
  const { workerId, weekStart } = props;
  const { form, modal } = useCallForm<'weeks.startAmendment', { reason: string }>(
    'weeks.startAmendment',
    {
      defaults: { reason: '' },
      fields: ['reason'],
      input: ({ reason }) => ({ workerId, weekStart, reason }),
      notice: 'Week reopened for an amendment',
      onClose: props.onClose,
    },
  );
  return (
    <FormModal
      {...modal}
      title="Start amendment"
      size="md"
      intro={`The approved week of ${formatWeekRange(weekStart)} opens for changes. Its signature stays on record; when you submit the amendment, the supervisor approves it again as a new version.`}
    >
      <TextareaField
        form={form}
        name="reason"
        label="Reason"
        description="What is wrong with the approved week"
        withAsterisk
        autosize
        minRows={2}
        maxRows={6}
        data-autofocus
      />
    </FormModal>
  );
}
