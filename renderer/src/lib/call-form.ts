import { notify } from './notify';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import type { ApiInput, ApiName, ApiResult } from '../api/client';
import { useApiMutation } from '../api/queries';
import { useApiForm } from './forms';

/**
 * A form that sends one API call: the form, started from `defaults`; on submit the call with
 * `input(values)`, then a "done" notice and `onDone`; a failure spread over the `fields` main
 * names (renamed through `fieldMap`) and the banner. `modal` is what a `FormModal` takes for it.
 */
export function useCallForm<K extends ApiName, T extends FieldValues>(
  name: K,
  opts: {
    defaults: DefaultValues<T>;
    fields: readonly Path<T>[];
    fieldMap?: Partial<Record<string, Path<T>>>;
    input: (values: T) => ApiInput<K>;
    /** The notice once the call succeeded. */
    notice: string | ((result: ApiResult<K>) => string);
    /** Closes the dialog; after the call too, unless `onDone` says what happens then. */
    onClose: () => void;
    onDone?: (result: ApiResult<K>) => void | Promise<void>;
  },
) {
  const call = useApiMutation(name);
  const form = useForm<T>({ defaultValues: opts.defaults });
  const { onSubmit, formError } = useApiForm(
    form,
    opts.fields,
    async (values) => {
      const result = await call.mutateAsync(opts.input(values));
      const { notice } = opts;
      notify({
        message: typeof notice === 'string' ? notice : notice(result),
        color: 'teal',
      });
      await (opts.onDone ?? opts.onClose)(result);
    },
    opts.fieldMap,
  );
  return {
    form,
    modal: { onSubmit, onClose: opts.onClose, submitting: call.isPending, error: formError },
  };
}
