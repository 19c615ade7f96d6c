import { FormModal } from '../components/FormModal';
import { PasswordField } from '../components/fields';
import { refreshStatus } from '../auth/session';
import { useCallForm } from '../lib/call-form';
import { setReviewerStatus } from './reviewer-session';

/**
 * Removes the reviewer profile from this computer, with its password: what was opened and
 * drafted here goes with it, and the app starts over at first run.
 */
export function RemoveProfileDialog(props: { onClose: () => void }) {
  const { form, modal } = useCallForm<'reviewer.removeProfile', { password: string }>(
    'reviewer.removeProfile',
    {
      defaults: { password: '' },
      fields: ['password'],
      input: (v) => ({ password: v.password }),
      notice: 'The reviewer profile was removed from this computer',
      onClose: props.onClose,
      onDone: async (status) => {
        setReviewerStatus(status);
        await refreshStatus();
      },
    },
  );
  return (
    <FormModal
      {...modal}
      title="Remove reviewer profile"
      submitLabel="Remove profile"
      submitColor="red"
      size="md"
      intro="The opened packets, the decisions not yet saved to a file, and this profile's keys are deleted from this computer; the practice keeps what it sent you. To review again, make a new profile and enrol it with the practice."
    >
      <PasswordField
        form={form}
        name="password"
        label="Password"
        description="The reviewer profile's password"
        autoComplete="current-password"
        data-autofocus
        withAsterisk
      />
    </FormModal>
  );
}
