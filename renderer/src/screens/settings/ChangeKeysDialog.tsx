import { Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, errorMessage } from '../../api/client';
import { usePractice } from '../../api/queries';
import { RecoveryCodePanel } from '../../auth/RecoveryCodePanel';
import { PasswordField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { RecoveryCodeField } from '../../components/RecoveryCodeField';
import { useApiForm } from '../../lib/forms';

interface Values {
  recoveryCodeCheck: string;
  password: string;
}

/**
 * Replaces the practice's data key and recovery code (a code was lost or seen by someone who
 * should not have it). The new code is shown once; the owner keeps it, types its end back and
 * confirms with their password; main re-encrypts the database under the new key.
 */
export function ChangeKeysDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const practice = usePractice();
  const [code, setCode] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { recoveryCodeCheck: '', password: '' } });
  const { isSubmitting } = form.formState;

  useEffect(() => {
    if (!opened) return;
    api.call('keys.prepareRotation', {}).then(
      (r) => {
        setLoadError(null);
        setCode(r.recoveryCode);
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [opened]);

  const { onSubmit, formError } = useApiForm(
    form,
    ['recoveryCodeCheck', 'password'],
    async (values) => {
      await api.call('keys.rotate', values);
      notify({
        color: 'teal',
        message:
          'The data key and recovery code were changed. Backups made before still open with the old code.',
      });
      form.reset();
      setCode(null);
      onClose();
    },
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Change the data key and recovery code"
      onSubmit={onSubmit}
      submitLabel="Change keys"
      submitting={isSubmitting}
      error={loadError ?? formError}
    >
      <Text size="sm">
        This is the new recovery code. It takes effect when you finish here; keep it somewhere safe,
        away from this computer. Backups made before keep opening with the recovery code of their
        time, so keep the old code as long as you keep those backups.
      </Text>
      <RecoveryCodePanel code={code} practiceName={practice.data?.name ?? ''} />
      <RecoveryCodeField
        form={form}
        name="recoveryCodeCheck"
        label="Type the last two groups of the new code"
        description="To check you have it: the last 10 characters, dashes optional."
        placeholder="XXXXX-XXXXX"
        data-autofocus
      />
      <PasswordField
        form={form}
        name="password"
        label="Your password"
        autoComplete="current-password"
      />
    </FormModal>
  );
}
