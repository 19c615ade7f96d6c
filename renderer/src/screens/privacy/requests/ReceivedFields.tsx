import { TextInput } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { DateInput } from '../../../components/DateInput';

/** The two fields of a request the owner registers for someone: when it came, and how the
 * sender was checked to be that person. Both go to the requests register. */
export interface ReceivedValues {
  receivedOn: string;
  identityMethod: string;
}

export function ReceivedFields<T extends ReceivedValues>(props: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  // The two names exist on every T; react-hook-form's path types cannot see that generically.
  const register = props.register as unknown as UseFormRegister<ReceivedValues>;
  const errors = props.errors as FieldErrors<ReceivedValues>;
  return (
    <>
      <DateInput
        label="Received on"
        withAsterisk
        {...register('receivedOn')}
        error={errors.receivedOn?.message}
      />
      <TextInput
        label="How identity was verified"
        withAsterisk
        placeholder="e.g. Email from the address on file, confirmed by phone"
        {...register('identityMethod')}
        error={errors.identityMethod?.message}
      />
    </>
  );
}
