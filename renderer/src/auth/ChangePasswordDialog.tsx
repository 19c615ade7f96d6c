import { FormModal } from '../components/FormModal';
import { PasswordField } from '../components/fields';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { useCallForm } from '../lib/call-form';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * One's own password: the current one, then the new one twice. The signed-in user's account at
 * a workstation, or (`reviewer.changePassword`) the reviewer profile on a supervisor's computer.
 */
export function ChangePasswordDialog(props: {
  onClose: () => void;
  call?: 'account.changePassword' | 'reviewer.changePassword';
}) {
  const call = props.call ?? 'account.changePassword';
  const { form, modal } = useCallForm<typeof call, Values>(call, {
    defaults: { currentPassword: '', newPassword: '', confirmPassword: '' },
    fields: ['currentPassword', 'newPassword', 'confirmPassword'],
    input: (v) => ({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    notice: 'Password changed',
    onClose: props.onClose,
  });
  return (
    <FormModal
      {...modal}
      title="Change password"
      size="md"
      intro="Use at least 10 characters. A short sentence is easier to remember than a jumble."
    >
      <PasswordField
        form={form}
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        data-autofocus
        withAsterisk
      />
      <NewPasswordFields form={form} withAsterisk />
    </FormModal>
  );
}
