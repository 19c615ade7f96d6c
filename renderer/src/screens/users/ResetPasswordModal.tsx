import { FormModal } from '../../components/FormModal';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import type { UserAccount } from '../../lib/domain';
import { useCallForm } from '../../lib/call-form';

/** The owner sets a new password for someone who forgot theirs; it also lifts a lock-out. */
export function ResetPasswordModal(props: { user: UserAccount; onClose: () => void }) {
  const { user } = props;
  const { form, modal } = useCallForm<
    'users.resetPassword',
    { newPassword: string; confirmPassword: string }
  >('users.resetPassword', {
    defaults: { newPassword: '', confirmPassword: '' },
    fields: ['newPassword', 'confirmPassword'],
    input: (v) => ({ id: user.id, newPassword: v.newPassword }),
    notice: `Password reset for ${user.username}`,
    onClose: props.onClose,
  });
  return (
    <FormModal
      {...modal}
      title={`Reset password for ${user.username}`}
      size="md"
      submitLabel="Reset password"
      intro={`${user.displayName} signs in with this password from now on. Any lock-out after failed attempts ends.`}
    >
      <NewPasswordFields form={form} withAsterisk autofocus />
    </FormModal>
  );
}
