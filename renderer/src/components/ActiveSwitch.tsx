import { Switch } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

/** The "Active" toggle every edit form has; inactive records stay for history but leave pickers. */
export function ActiveSwitch<T extends FieldValues>(props: {
  control: Control<T>;
  name: Path<T>;
  description: string;
}) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field }) => (
        <Switch
          label="Active"
          description={props.description}
          checked={Boolean(field.value)}
          onChange={(e) => field.onChange(e.currentTarget.checked)}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}
