import { Stack, Text } from '@mantine/core';
import { notify } from '../../../lib/notify';
import { useForm, useWatch } from 'react-hook-form';
import type { PrivacyRequestView } from '../../../../../shared/domain/privacy/requests';
import { useApiMutation } from '../../../api/queries';
import { SegmentedField, TextareaField } from '../../../components/fields';
import { FormModal } from '../../../components/FormModal';
import { blankToNull, useApiForm } from '../../../lib/forms';
import { RequestCard } from './RequestBits';

interface DecideForm {
  decision: 'accept' | 'decline';
  reason: string;
}

const ACCEPT_WORDS: Record<string, string> = {
  profile: 'Accepting changes the profile field at once, checked and audited like an edit.',
  week: 'Accepting reopens the week as an amendment, changes the entry and resubmits the week; the supervisor then signs the amended week again.',
  access:
    'Accepting records the request as fulfilled. Produce the record from Privacy → Records and disclosures.',
};

/** Accept or decline an open request; a decline needs the reason the person will read. */
export function DecideModal(props: { request: PrivacyRequestView; onClose: () => void }) {
  const decide = useApiMutation('privacy.requests.decide');
  const form = useForm<DecideForm>({ defaultValues: { decision: 'accept', reason: '' } });
  const decision = useWatch({ control: form.control, name: 'decision' });
  const { onSubmit, formError } = useApiForm(form, ['reason'], async (v) => {
    await decide.mutateAsync({
      id: props.request.id,
      decision: v.decision,
      reason: blankToNull(v.reason),
    });
    notify({
      message: v.decision === 'accept' ? 'Request accepted' : 'Request declined',
      color: 'teal',
    });
    props.onClose();
  });
  const what = props.request.kind === 'access' ? 'access' : props.request.details.target;
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={`Decide request #${props.request.id}`}
      onSubmit={onSubmit}
      submitLabel={decision === 'accept' ? 'Accept' : 'Decline'}
      submitting={decide.isPending}
      error={formError}
    >
      <RequestCard request={props.request} showPerson />
      <SegmentedField
        form={form}
        name="decision"
        aria-label="Decision"
        data={[
          { value: 'accept', label: 'Accept' },
          { value: 'decline', label: 'Decline' },
        ]}
      />
      <Stack gap={4}>
        {decision === 'accept' && (
          <Text size="sm" c="dimmed">
            {ACCEPT_WORDS[what] ?? ''}
          </Text>
        )}
        <TextareaField
          form={form}
          name="reason"
          label={decision === 'accept' ? 'Note (optional)' : 'Reason'}
          description={decision === 'decline' ? 'The person sees this reason' : undefined}
          withAsterisk={decision === 'decline'}
          autosize
          minRows={2}
          data-autofocus
        />
      </Stack>
    </FormModal>
  );
}
