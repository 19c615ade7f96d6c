import { notify } from './notify';
import { useState } from 'react';
import { errorMessage, type ApiInput, type ApiName } from '../api/client';
import { useApiMutation } from '../api/queries';

/**
 * Deleting a row after a confirmation: `ask(row)` opens the `ConfirmDialog` that `dialog` is
 * spread on; confirming sends the call and says how it went.
 */
export function useConfirmedDelete<K extends ApiName, R>(
  name: K,
  opts: { input: (row: R) => ApiInput<K>; notice: (row: R) => string },
) {
  const remove = useApiMutation(name);
  const [target, setTarget] = useState<R | null>(null);
  const confirm = async () => {
    if (target === null) return;
    try {
      await remove.mutateAsync(opts.input(target));
      notify({ message: opts.notice(target), color: 'teal' });
    } catch (err) {
      notify({ message: errorMessage(err), color: 'red' });
    }
    setTarget(null);
  };
  return {
    target,
    ask: setTarget,
    dialog: {
      opened: target !== null,
      onConfirm: () => void confirm(),
      onCancel: () => setTarget(null),
      busy: remove.isPending,
    },
  };
}
