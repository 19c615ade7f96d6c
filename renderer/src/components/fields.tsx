import {
  FileInput,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Switch,
  Textarea,
  TextInput,
  type FileInputProps,
  type MultiSelectProps,
  type NumberInputProps,
  type PasswordInputProps,
  type SegmentedControlProps,
  type SelectProps,
  type SwitchProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import type { ReactNode } from 'react';
import {
  Controller,
  useWatch,
  type FieldValues,
  type Path,
  type PathValue,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import { formatMinutes } from '../lib/domain';
import { DateInput } from './DateInput';

/**
 * One component per kind of form field: each wires react-hook-form (register for text inputs,
 * a controller for the others), the Mantine input, and the field's error message (main's, put
 * there by `useApiForm`). Every field takes the form and the field's name; the rest are the
 * Mantine input's own props.
 */
interface Bound<T extends FieldValues> {
  form: UseFormReturn<T>;
  name: Path<T>;
}

/** The message main left on a field, if any (nested names such as `questions.0.text` too). */
export const fieldError = <T extends FieldValues>(
  form: UseFormReturn<T>,
  name: Path<T>,
): string | undefined => form.getFieldState(name, form.formState).error?.message;

/** A registered (uncontrolled) input's props: name, ref, handlers and the field's error. */
const registered = <T extends FieldValues>(
  { form, name }: Bound<T>,
  rules?: RegisterOptions<T, Path<T>>,
) => ({ ...form.register(name, rules), error: fieldError(form, name) });

type Registered<T extends FieldValues, P> = Bound<T> &
  Omit<P, 'name' | 'error' | 'form'> & { rules?: RegisterOptions<T, Path<T>> };

export function TextField<T extends FieldValues>(p: Registered<T, TextInputProps>) {
  const { form, name, rules, ...rest } = p;
  return <TextInput {...rest} {...registered({ form, name }, rules)} />;
}

export function DateField<T extends FieldValues>(p: Registered<T, TextInputProps>) {
  const { form, name, rules, ...rest } = p;
  return <DateInput {...rest} {...registered({ form, name }, rules)} />;
}

export function PasswordField<T extends FieldValues>(p: Registered<T, PasswordInputProps>) {
  const { form, name, rules, ...rest } = p;
  return <PasswordInput {...rest} {...registered({ form, name }, rules)} />;
}

export function TextareaField<T extends FieldValues>(p: Registered<T, TextareaProps>) {
  const { form, name, rules, ...rest } = p;
  return <Textarea {...rest} {...registered({ form, name }, rules)} />;
}

/** On or off. */
export function SwitchField<T extends FieldValues>(
  p: Bound<T> & Omit<SwitchProps, 'name' | 'checked' | 'onChange' | 'form'>,
) {
  const { form, name, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Switch
          error={fieldState.error?.message}
          {...rest}
          checked={Boolean(field.value)}
          onChange={(e) => field.onChange(e.currentTarget.checked)}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

/** A choice from a list; `onChange` runs after the form has the new value. */
export function SelectField<T extends FieldValues>(
  p: Bound<T> & Omit<SelectProps, 'name' | 'value' | 'form'>,
) {
  const { form, name, onChange, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          error={fieldState.error?.message}
          {...rest}
          value={field.value as string | null}
          onChange={(value, option) => {
            field.onChange(value);
            onChange?.(value, option);
          }}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

export function MultiSelectField<T extends FieldValues>(
  p: Bound<T> & Omit<MultiSelectProps, 'name' | 'value' | 'onChange' | 'form'>,
) {
  const { form, name, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <MultiSelect
          error={fieldState.error?.message}
          {...rest}
          value={field.value as string[]}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

/**
 * A number; `parse` turns what the input gives (a number, or text while it is not one) into the
 * form's value (the input's own value by default).
 */
export function NumberField<T extends FieldValues>(
  p: Bound<T> &
    Omit<NumberInputProps, 'name' | 'value' | 'onChange' | 'form'> & {
      parse?: (value: number | string) => PathValue<T, Path<T>>;
    },
) {
  const { form, name, parse, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          error={fieldState.error?.message}
          {...rest}
          value={field.value as number | string}
          onChange={(v) => field.onChange(parse ? parse(v) : v)}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

/** A whole number of minutes (1 to 1,440); `spelled` shows it as hours and minutes below. */
export function MinutesField<T extends FieldValues>(
  p: Bound<T> &
    Omit<NumberInputProps, 'name' | 'value' | 'onChange' | 'form'> & { spelled?: boolean },
) {
  const { spelled, ...rest } = p;
  const value: unknown = useWatch({ control: p.form.control, name: p.name });
  return (
    <NumberField
      label="Minutes"
      min={1}
      max={1440}
      description={
        spelled && typeof value === 'number' && value > 0 ? formatMinutes(value) : undefined
      }
      {...rest}
    />
  );
}

export function FileField<T extends FieldValues>(
  p: Bound<T> &
    Omit<FileInputProps, 'name' | 'value' | 'form' | 'multiple'> & {
      /** Runs before the form takes the new file. */
      onPick?: (file: File | null) => void;
    },
) {
  const { form, name, onPick, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <FileInput
          error={fieldState.error?.message}
          {...rest}
          value={field.value as File | null}
          onChange={(file) => {
            onPick?.(file);
            field.onChange(file);
          }}
          ref={field.ref}
        />
      )}
    />
  );
}

/** One of a few choices side by side; `parse` turns the control's text into the form's value. */
export function SegmentedField<T extends FieldValues>(
  p: Bound<T> &
    Omit<SegmentedControlProps, 'name' | 'value' | 'onChange' | 'form'> & {
      parse?: (value: string) => PathValue<T, Path<T>>;
      /** Runs after the form has the new value. */
      onPick?: (value: PathValue<T, Path<T>>) => void;
    },
) {
  const { form, name, parse, onPick, ...rest } = p;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <SegmentedControl
          {...rest}
          value={String(field.value)}
          onChange={(v) => {
            const next = parse ? parse(v) : (v as PathValue<T, Path<T>>);
            field.onChange(next);
            onPick?.(next);
          }}
        />
      )}
    />
  );
}

/**
 * A duration as hours and minutes: two inputs under one label, with the one message main gives
 * about the total (the form's `minutes`, which has no input of its own) under the pair.
 */
export function DurationFields<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  hours: Path<T>;
  mins: Path<T>;
  minutes: Path<T>;
  label: string;
  /** Prefix of the label's and the message's element ids. */
  id: string;
  hoursProps?: Omit<NumberInputProps, 'form' | 'name'>;
  minsProps?: Omit<NumberInputProps, 'form' | 'name'>;
  /** Beside the inputs. */
  aside?: ReactNode;
  /** Under the pair while there is no message. */
  description?: ReactNode;
}) {
  const { form } = props;
  const error = fieldError(form, props.minutes);
  // Both inputs point at the one message under the pair (Mantine would point at its own).
  const shared = {
    withAria: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${props.id}-error` : undefined,
    rightSectionPointerEvents: 'none',
    hideControls: true,
    min: 0,
    allowNegative: false,
    clampBehavior: 'none',
    error: Boolean(error),
  } as Omit<NumberInputProps, 'form' | 'name'>;
  return (
    <div role="group" aria-labelledby={`${props.id}-label`}>
      <Input.Label id={`${props.id}-label`} required>
        {props.label}
      </Input.Label>
      <Group gap="sm" wrap="nowrap">
        <NumberField
          aria-label="Hours"
          rightSection="h"
          {...shared}
          {...props.hoursProps}
          form={form}
          name={props.hours}
        />
        <NumberField
          aria-label="Minutes"
          rightSection="min"
          rightSectionWidth={44}
          allowDecimal={false}
          {...shared}
          {...props.minsProps}
          form={form}
          name={props.mins}
        />
        {props.aside}
      </Group>
      {error ? (
        <Input.Error id={`${props.id}-error`} mt={5}>
          {error}
        </Input.Error>
      ) : (
        props.description
      )}
    </div>
  );
}
