import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { PasswordField } from './fields';

/**
 * A new password typed twice (the form's `newPassword` and `confirmPassword`); the second must
 * match the first before the form is sent, and main judges the first.
 */
export function NewPasswordFields<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  /** Under the first field ("At least 10 characters."). */
  description?: string;
  withAsterisk?: boolean;
  /** Focus starts on the first field. */
  autofocus?: boolean;
}) {
  const { form, withAsterisk } = props;
  const newPassword = 'newPassword' as Path<T>;
  return (
    <>
      <PasswordField
        form={form}
        name={newPassword}
        label="New password"
        description={props.description}
        autoComplete="new-password"
        withAsterisk={withAsterisk}
        data-autofocus={props.autofocus || undefined}
      />
      <PasswordField
        form={form}
        name={'confirmPassword' as Path<T>}
        label="Confirm new password"
        autoComplete="new-password"
        withAsterisk={withAsterisk}
        rules={{
          validate: (v: unknown, values: T) =>
            v === values[newPassword] || 'The passwords do not match',
        }}
      />
    </>
  );
}
