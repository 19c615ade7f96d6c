import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { TextField } from './fields';

/** Who a person record is: first and last name, email and phone, for a two-column grid. */
export function PersonFields<T extends FieldValues>({ form }: { form: UseFormReturn<T> }) {
  const name = (n: 'firstName' | 'lastName' | 'email' | 'phone') => n as Path<T>;
  return (
    <>
      <TextField
        form={form}
        name={name('firstName')}
        label="First name"
        withAsterisk
        data-autofocus
      />
      <TextField form={form} name={name('lastName')} label="Last name" withAsterisk />
      <TextField form={form} name={name('email')} label="Email" type="email" withAsterisk />
      <TextField form={form} name={name('phone')} label="Phone" type="tel" />
    </>
  );
}
