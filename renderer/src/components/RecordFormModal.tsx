import { notify } from '../lib/notify';
import { useState, type ReactNode } from 'react';
import { useForm, type DefaultValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { ApiInput } from '../api/client';
import { useApiMutation } from '../api/queries';
import { useApiForm } from '../lib/forms';
import { SwitchField } from './fields';
import { FormModal } from './FormModal';

/** Records added with `<api>.create` and edited (with their active flag) with `<api>.update`. */
type RecordApi = 'sites' | 'workers' | 'supervisors';

interface RecordValues {
  active: boolean;
}

/** The form's first values: the record's, where it has one, else the blank's. */
function startingValues<T extends RecordValues>(blank: T, record?: object): DefaultValues<T> {
  const own = (record ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(blank).map(([key, value]) => [key, own[key] ?? value]),
  ) as DefaultValues<T>;
}

/**
 * The add/edit dialog of a record (a site, a worker, a supervisor): a form started from the
 * record (or blank), sent to create or to update with its active flag, a "Saved …"/"Added …"
 * notice, and an "Active" switch under the fields while editing. `children` are the fields.
 */
export function RecordFormModal<T extends RecordValues, A extends RecordApi>(props: {
  api: A;
  /** What the record is called in the title and button ("worker": "Add worker"). */
  noun: string;
  record?: { id: number };
  /**
   * A new record's values; they name the form's fields, and an edited record's own values
   * (null read as the blank) replace them.
   */
  blank: T;
  /** What create takes (update takes the same, with the id and the active flag). */
  toInput: (values: T) => ApiInput<`${A}.create`>;
  /** Names the record in the notice. */
  name: (values: T) => string;
  /** The Active switch's description. */
  activeHelp: string;
  onClose: () => void;
  size?: string;
  children: (form: UseFormReturn<T>) => ReactNode;
  /**
   * Under the Active switch, while editing; `openDialog` shows another dialog in this one's place
   * (this one comes back, edits kept, when it is given null).
   */
  after?: (openDialog: (dialog: ReactNode) => void) => ReactNode;
}) {
  const { record } = props;
  // A dialog opened from this one (creating a login); this one hides meanwhile, as Mantine
  // closes every open modal on Escape.
  const [aside, setAside] = useState<ReactNode>(null);
  const create = useApiMutation(`${props.api}.create` as `${A}.create`);
  const update = useApiMutation(`${props.api}.update` as `${A}.update`);
  const fields = Object.keys(props.blank) as Path<T>[];
  const form = useForm<T>({ defaultValues: startingValues(props.blank, record) });
  const { onSubmit, formError } = useApiForm(form, fields, async (v) => {
    const fields = props.toInput(v);
    const name = props.name(v);
    if (record) {
      await update.mutateAsync({
        id: record.id,
        ...fields,
        active: v.active,
      } as unknown as ApiInput<`${A}.update`>);
      notify({ message: `Saved ${name}`, color: 'teal' });
    } else {
      await create.mutateAsync(fields);
      notify({ message: `Added ${name}`, color: 'teal' });
    }
    props.onClose();
  });

  return (
    <>
      <FormModal
        opened={!aside}
        onClose={props.onClose}
        title={record ? `Edit ${props.noun}` : `Add ${props.noun}`}
        submitLabel={record ? 'Save changes' : `Add ${props.noun}`}
        submitting={create.isPending || update.isPending}
        error={formError}
        onSubmit={onSubmit}
        size={props.size}
      >
        {props.children(form)}
        {record && (
          <SwitchField
            form={form}
            name={'active' as Path<T>}
            label="Active"
            description={props.activeHelp}
          />
        )}
        {record && props.after?.(setAside)}
      </FormModal>
      {aside}
    </>
  );
}
