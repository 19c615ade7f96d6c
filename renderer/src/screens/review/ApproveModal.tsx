import { PasswordInput, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useForm } from 'react-hook-form';
import { formatMinutes } from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { formatWeekRange } from '../../lib/dates';
import { useApiForm } from '../../lib/forms';
import type { SeenWeek } from '../../../../shared/domain/weekly-logs';

/**
 * Signing is a deliberate act: the supervisor re-enters their password. Main counts a wrong
 * one toward the account's lockout, as at sign-in.
 */
export function ApproveModal(props: {
  workerId: number;
  workerName: string;
  weekStart: string;
  totalMinutes: number;
  isAmendment: boolean;
  /** The week as shown: main refuses the signature if it changed since (another workstation). */
  seen: SeenWeek;
  onClose: () => void;
  onDone: () => void;
}) {
  const approve = useApiMutation('weeks.approve');
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const { onSubmit, formError } = useApiForm(form, ['password'], async (v) => {
    await approve.mutateAsync({
      workerId: props.workerId,
      weekStart: props.weekStart,
      password: v.password,
      seen: props.seen,
    });
    notify({ message: `Week signed for ${props.workerName}`, color: 'teal' });
    props.onDone();
  });
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={props.isAmendment ? 'Approve amendment' : 'Approve and sign week'}
      size="md"
      onSubmit={onSubmit}
      submitLabel="Approve and sign"
      submitting={approve.isPending}
      error={formError}
    >
      <Text size="sm">
        You sign {props.workerName}&rsquo;s week of {formatWeekRange(props.weekStart)} (
        {formatMinutes(props.totalMinutes)}) as their supervisor. The week is locked; it changes
        only through an amendment you approve again.
      </Text>
      <PasswordInput
        label="Your password"
        description="Confirms that you are signing"
        autoComplete="current-password"
        withAsterisk
        data-autofocus
        {...form.register('password')}
        error={form.formState.errors.password?.message}
      />
    </FormModal>
  );
}
