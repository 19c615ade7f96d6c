import { Group, PasswordInput } from '@mantine/core';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

/**
 * A password being chosen (the practice's set-up, a reviewer's profile) and its confirmation,
 * side by side: main's rule under the first, a match under the second. Main never sees the
 * confirmation. The form's fields are `password` and `confirmPassword`.
 */
export function ChosenPasswordFields<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  description: string;
  rule: (value: string) => true | string;
}) {
  const { form } = props;
  const password = 'password' as Path<T>;
  const errors = form.formState.errors as Partial<
    Record<'password' | 'confirmPassword', { message?: string }>
  >;
  return (
    <Group grow align="flex-start">
      <PasswordInput
        label="Password"
        description={props.description}
        withAsterisk
        autoComplete="new-password"
        {...form.register(password, { validate: props.rule })}
        error={errors.password?.message}
      />
      <PasswordInput
        label="Confirm password"
        description="Type it again."
        withAsterisk
        autoComplete="new-password"
        {...form.register('confirmPassword' as Path<T>, {
          validate: (v, values) => v === values[password] || 'The passwords do not match',
        })}
        error={errors.confirmPassword?.message}
      />
    </Group>
  );
}
