import { Alert } from '@mantine/core';
import { IconLockOpen, IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { AuthStatus } from '../../../shared/domain/records';
import { api } from '../api/client';
import { useApiForm } from '../lib/forms';
import { RecoveryCodeField } from '../components/RecoveryCodeField';
import { AuthForm, AuthHeading } from './AuthLayout';
import { setStatus } from './session';

/**
 * This computer's keychain does not open the practice's key file (a new computer, a copied
 * folder, a locked or reset keychain), or an installation from before encryption waits for
 * its key: say why, in main's words, and take the recovery code. It binds the key file to this
 * keychain (or converts the installation); then everyone signs in with their own password.
 */
export function RecoveryScreen({ status }: { status: AuthStatus }) {
  const [busy, setBusy] = useState(false);
  const form = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const { onSubmit, formError } = useApiForm(form, ['code'], async ({ code }) => {
    setBusy(true);
    try {
      setStatus(await api.call('auth.recover', { code }));
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthForm
      width={500}
      onSubmit={onSubmit}
      heading={
        <>
          <AuthHeading practiceName={status.practiceName} title="Recovery code needed" />
          <Alert
            color="orange"
            variant="light"
            icon={<IconShieldExclamation size={20} />}
            title="This computer cannot open the practice yet"
            data-testid="keychain-message"
          >
            {status.keychainMessage ??
              "This computer's keychain does not open the practice. Enter the recovery code."}
          </Alert>
        </>
      }
      error={formError}
      errorTitle="Still locked"
      submitLabel="Continue"
      submitIcon={<IconLockOpen size={18} />}
      busy={busy}
    >
      <RecoveryCodeField
        form={form}
        name="code"
        description="The code printed or written down when Hourkeep was set up. Dashes and case don't matter."
        autoFocus
      />
    </AuthForm>
  );
}
