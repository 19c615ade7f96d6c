import { Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/client';

export interface Disclosure {
  recipient: string;
  purpose: string;
}
export type DisclosureErrors = Partial<Record<keyof Disclosure, string>>;

/**
 * Who a file is for and why it is made. Main writes both to the disclosure log, which the
 * person can read under My data; the fields are required by every export of people's data.
 */
export function DisclosureFields(props: {
  value: Disclosure;
  onChange: (next: Disclosure) => void;
  errors?: DisclosureErrors;
  disabled?: boolean;
  /** In a dialog (FormModal), start the focus on Recipient. */
  autoFocus?: boolean;
}) {
  const { value, errors = {} } = props;
  return (
    <div>
      <Group align="flex-start" grow>
        <TextInput
          label="Recipient"
          placeholder="e.g. California BBS"
          description="Who receives the file"
          value={value.recipient}
          onChange={(e) => props.onChange({ ...value, recipient: e.currentTarget.value })}
          error={errors.recipient}
          disabled={props.disabled}
          data-autofocus={props.autoFocus || undefined}
          maxLength={200}
          withAsterisk
        />
        <TextInput
          label="Purpose"
          placeholder="e.g. Licensure application"
          description="Why it is disclosed"
          value={value.purpose}
          onChange={(e) => props.onChange({ ...value, purpose: e.currentTarget.value })}
          error={errors.purpose}
          disabled={props.disabled}
          maxLength={300}
          withAsterisk
        />
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        Recorded in the disclosure log with the date and your name; the person can see it.
      </Text>
    </div>
  );
}

/** The state of the fields and the errors main returned for them on the last attempt. */
export function useDisclosure(initial: Disclosure = { recipient: '', purpose: '' }) {
  const [value, setValue] = useState<Disclosure>(initial);
  const [errors, setErrors] = useState<DisclosureErrors>({});
  return {
    value,
    errors,
    onChange: (next: Disclosure) => {
      setValue(next);
      setErrors({});
    },
    /** Keeps a failed call's recipient/purpose errors; true when there were any. */
    takeErrors(err: unknown): boolean {
      const fields = err instanceof ApiError ? (err.fields ?? {}) : {};
      const found: DisclosureErrors = {};
      if (fields.recipient) found.recipient = fields.recipient;
      if (fields.purpose) found.purpose = fields.purpose;
      setErrors(found);
      return Object.keys(found).length > 0;
    },
  };
}
