import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';

/**
 * A date field using the platform's date input (ISO value, localized display, keyboard entry).
 * Main checks the value; no min/max here so its messages are the ones people see.
 */
export const DateInput = forwardRef<HTMLInputElement, TextInputProps>(
  function DateInput(props, ref) {
    return <TextInput ref={ref} type="date" {...props} />;
  },
);
