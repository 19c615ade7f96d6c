import { TextInput } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { PROFILE_FIELDS } from '../../../../shared/domain/privacy/requests';
import type { Supervisor, Worker } from '../../lib/domain';
import { SelectField, TextareaField, TextField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { useCallForm } from '../../lib/call-form';
import { blankToNull } from '../../lib/forms';

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
  const { form, modal } = useCallForm<'privacy.requests.file', CorrectionForm>(
    'privacy.requests.file',
    {
      defaults: { field: null, proposedValue: '', note: '' },
      fields: FORM_FIELDS,
      fieldMap: {
        'profile.field': 'field',
        'profile.proposedValue': 'proposedValue',
        profile: 'field',
      },
      input: (v) => ({
        kind: 'correction',
        profile: { field: v.field ?? '', proposedValue: blankToNull(v.proposedValue) },
        note: blankToNull(v.note),
      }),
      notice: 'Correction request sent',
      onClose: props.onClose,
    },
  );
  const field = useWatch({ control: form.control, name: 'field' });
  const fields = PROFILE_FIELDS[props.personType] as Record<string, string>;
  const current = field ? (props.person as unknown as Record<string, unknown>)[field] : null;
  return (
    <FormModal
      {...modal}
      title="Request a correction"
      size="md"
      submitLabel="Send request"
      intro="The practice checks the request and applies it, or tells you why not. You see the outcome here."
    >
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
