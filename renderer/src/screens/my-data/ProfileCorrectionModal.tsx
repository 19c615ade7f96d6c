import { Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm, useWatch } from 'react-hook-form';
import { PROFILE_FIELDS } from '../../../../shared/domain/privacy/requests';
import type { Supervisor, Worker } from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { SelectField, TextareaField, TextField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { blankToNull, useApiForm } from '../../lib/forms';

interface CorrectionForm {
  field: string | null;
  proposedValue: string;
  note: string;
}

const FORM_FIELDS = ['field', 'proposedValue', 'note'] as const;

/** Asks the practice to correct one field of the signed-in person's profile. */
export function ProfileCorrectionModal(props: {
  personType: 'worker' | 'supervisor';
  person: Worker | Supervisor;
  onClose: () => void;
}) {
  const file = useApiMutation('privacy.requests.file');
  const form = useForm<CorrectionForm>({
    defaultValues: { field: null, proposedValue: '', note: '' },
  });
  const field = useWatch({ control: form.control, name: 'field' });
  const fields = PROFILE_FIELDS[props.personType] as Record<string, string>;
  const current = field ? (props.person as unknown as Record<string, unknown>)[field] : null;
  const { onSubmit, formError } = useApiForm(
    form,
    FORM_FIELDS,
    async (v) => {
      await file.mutateAsync({
        kind: 'correction',
        profile: { field: v.field ?? '', proposedValue: blankToNull(v.proposedValue) },
        note: blankToNull(v.note),
      });
      notifications.show({ message: 'Correction request sent', color: 'teal' });
      props.onClose();
    },
    { 'profile.field': 'field', 'profile.proposedValue': 'proposedValue', profile: 'field' },
  );
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Request a correction"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Send request"
      submitting={file.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        The practice checks the request and applies it, or tells you why not. You see the outcome
        here.
      </Text>
      <SelectField
        form={form}
        name="field"
        label="Field to correct"
        withAsterisk
        data-autofocus
        data={Object.entries(fields).map(([value, label]) => ({ value, label }))}
      />
      {field && (
        <TextInput
          label="Held now"
          value={
            current === null || current === undefined || current === ''
              ? '(blank)'
              : String(current)
          }
          readOnly
          variant="filled"
        />
      )}
      <TextField
        form={form}
        name="proposedValue"
        label="Correct value"
        description="Leave blank to clear an optional field"
      />
      <TextareaField form={form} name="note" label="Note (optional)" autosize minRows={2} />
    </FormModal>
  );
}
