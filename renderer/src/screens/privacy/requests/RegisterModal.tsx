import { SimpleGrid, Text } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { PROFILE_FIELDS } from '../../../../../shared/domain/privacy/requests';
import { SelectField, TextareaField, TextField } from '../../../components/fields';
import { FormModal } from '../../../components/FormModal';
import { todayIso } from '../../../lib/dates';
import { useCallForm } from '../../../lib/call-form';
import { blankToNull } from '../../../lib/forms';
import { usePeopleOptions } from '../deletion/usePeopleOptions';
import { ReceivedFields } from './ReceivedFields';

interface RegisterForm {
  kind: 'access' | 'correction' | 'deletion';
  person: string | null;
  receivedOn: string;
  identityMethod: string;
  field: string | null;
  proposedValue: string;
  note: string;
}

const FORM_FIELDS = [
  'kind',
  'person',
  'receivedOn',
  'identityMethod',
  'field',
  'proposedValue',
  'note',
] as const;

/** Records a request that came by email, post or in person, with how identity was checked. */
export function RegisterModal(props: { onClose: () => void }) {
  const { form, modal } = useCallForm<'privacy.requests.register', RegisterForm>(
    'privacy.requests.register',
    {
      defaults: {
        kind: 'access',
        person: null,
        receivedOn: todayIso(),
        identityMethod: '',
        field: null,
        proposedValue: '',
        note: '',
      },
      fields: FORM_FIELDS,
      fieldMap: {
        personId: 'person',
        personType: 'person',
        'profile.field': 'field',
        'profile.proposedValue': 'proposedValue',
        profile: 'field',
      },
      input: (v) => {
        const [type, id] = (v.person ?? ':').split(':');
        return {
          kind: v.kind,
          personType: type === 'supervisor' ? 'supervisor' : 'worker',
          personId: Number(id),
          receivedOn: v.receivedOn,
          identityMethod: v.identityMethod,
          note: blankToNull(v.note),
          ...(v.kind === 'correction'
            ? { profile: { field: v.field ?? '', proposedValue: blankToNull(v.proposedValue) } }
            : {}),
        };
      },
      notice: 'Request registered',
      onClose: props.onClose,
    },
  );
  const kind = useWatch({ control: form.control, name: 'kind' });
  const person = useWatch({ control: form.control, name: 'person' });
  const personType = person?.startsWith('supervisor') ? 'supervisor' : 'worker';
  // Names as everywhere; the role is the option's group, not a suffix on the name.
  const people = usePeopleOptions().groups;
  return (
    <FormModal
      {...modal}
      title="Register a request"
      submitLabel="Register"
      intro="For a request received by email, post or in person. People signed in to Hourkeep file their own from My data."
    >
      <SimpleGrid cols={2}>
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          withAsterisk
          allowDeselect={false}
          data={[
            { value: 'access', label: 'Access' },
            { value: 'correction', label: 'Correction of a profile field' },
            { value: 'deletion', label: 'Deletion' },
          ]}
        />
        <SelectField
          form={form}
          name="person"
          label="Person"
          withAsterisk
          searchable
          data-autofocus
          data={people}
        />
        <ReceivedFields register={form.register} errors={form.formState.errors} />
      </SimpleGrid>
      {kind === 'correction' && (
        <Text size="xs" c="dimmed">
          For a correction of a week&apos;s hours, open that week in Hours and choose Register a
          correction request.
        </Text>
      )}
      {kind === 'correction' && (
        <SimpleGrid cols={2}>
          <SelectField
            form={form}
            name="field"
            label="Field"
            withAsterisk
            data={Object.entries(PROFILE_FIELDS[personType] as Record<string, string>).map(
              ([value, label]) => ({ value, label }),
            )}
          />
          <TextField form={form} name="proposedValue" label="Correct value" />
        </SimpleGrid>
      )}
      <TextareaField form={form} name="note" label="Note" autosize minRows={2} />
    </FormModal>
  );
}
