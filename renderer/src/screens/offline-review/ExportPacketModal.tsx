import { NumberInput, Select, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { Controller, useForm } from 'react-hook-form';
import { PACKET_EXPIRY_DAYS } from '../../../../shared/domain/review-files';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { downloadFile } from '../../lib/download';
import { useApiForm } from '../../lib/forms';

interface Values {
  supervisorId: string;
  expiresInDays: number | string;
}

/**
 * Exports a review packet for one supervisor's enrolled computer: their submitted weeks (a
 * worker's own only, when a worker exports), sealed to that computer. The export is recorded
 * as a disclosure to the supervisor for review.
 */
export function ExportPacketModal(props: {
  /** Fixed supervisor (the owner's row action), or a choice among these (a worker's). */
  supervisors: { id: number; name: string }[];
  workerId?: number;
  onClose: () => void;
}) {
  const exportPacket = useApiMutation('reviews.exportPacket');
  const form = useForm<Values>({
    defaultValues: {
      supervisorId: props.supervisors[0] ? String(props.supervisors[0].id) : '',
      expiresInDays: PACKET_EXPIRY_DAYS.default,
    },
  });
  const { onSubmit, formError } = useApiForm(form, ['supervisorId', 'expiresInDays'], async (v) => {
    const file = await exportPacket.mutateAsync({
      supervisorId: Number(v.supervisorId),
      ...(props.workerId !== undefined ? { workerId: props.workerId } : {}),
      expiresInDays: Number(v.expiresInDays),
    });
    downloadFile(file);
    notify({
      message: `Review packet saved: ${file.weeks.length} week${file.weeks.length === 1 ? '' : 's'}, ${file.fileName}`,
      color: 'teal',
    });
    props.onClose();
  });
  const only = props.supervisors.length === 1 ? props.supervisors[0] : undefined;
  return (
    <FormModal
      onClose={props.onClose}
      title={
        props.workerId !== undefined
          ? 'Export review packet for my supervisor'
          : 'Export review packet'
      }
      submitLabel="Export packet"
      size="md"
      onSubmit={onSubmit}
      submitting={exportPacket.isPending}
      error={formError}
      intro="The packet holds the submitted weeks waiting for this supervisor, encrypted so only their enrolled computer opens it. Give them the file (USB stick, email); their decisions come back as a decision file."
    >
      {only ? (
        <Text size="sm">
          For <b>{only.name}</b>. Recorded as a disclosure to them, for review.
        </Text>
      ) : (
        <Controller
          control={form.control}
          name="supervisorId"
          render={({ field, fieldState }) => (
            <Select
              label="Supervisor"
              data={props.supervisors.map((s) => ({ value: String(s.id), label: s.name }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? '')}
              allowDeselect={false}
              error={fieldState.error?.message}
            />
          )}
        />
      )}
      <Controller
        control={form.control}
        name="expiresInDays"
        render={({ field, fieldState }) => (
          <NumberInput
            label="Expires after (days)"
            description={`From ${PACKET_EXPIRY_DAYS.min} to ${PACKET_EXPIRY_DAYS.max}; decisions on an expired packet are refused`}
            min={PACKET_EXPIRY_DAYS.min}
            max={PACKET_EXPIRY_DAYS.max}
            value={field.value}
            onChange={field.onChange}
            error={fieldState.error?.message}
          />
        )}
      />
    </FormModal>
  );
}
