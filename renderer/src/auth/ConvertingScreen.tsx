import { Progress, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AuthStatus } from '../../../shared/domain/records';
import { AuthHeading, AuthLayout } from './AuthLayout';
import { refreshStatus } from './session';
import { ErrorAlert } from '../components/ErrorAlert';

/**
 * First start of this version on an installation from before encryption: the plain database
 * is copied into an encrypted one, checked, and the plain file overwritten and removed. Main
 * reports the bytes copied; the screen asks for the status until it is done.
 */
export function ConvertingScreen({ status }: { status: AuthStatus }) {
  const [done, setDone] = useState(status.conversion?.done ?? 0);
  const total = status.conversion?.total ?? 0;
  useEffect(() => {
    const stop = window.hourkeep?.onEvent((event) => {
      if (event.type === 'progress' && event.task === 'convert') setDone(event.done);
    });
    const timer = setInterval(() => void refreshStatus(), 1000);
    return () => {
      stop?.();
      clearInterval(timer);
    };
  }, []);
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <AuthLayout width={520}>
      <Stack gap="lg">
        <AuthHeading
          practiceName={status.practiceName}
          title={
            <>
              <IconShieldLock size={22} /> Encrypting the practice&apos;s data
            </>
          }
        />
        {status.conversion?.message ? (
          <ErrorAlert title="The conversion stopped">{status.conversion.message}</ErrorAlert>
        ) : (
          <>
            <Text size="sm">
              This version keeps the database encrypted on disk. Hourkeep is copying it into an
              encrypted file, checking every table, and then removing the old file. Everyone signs
              in with the password they already have.
            </Text>
            <Progress value={percent} size="lg" animated aria-label="Encryption progress" />
            <Text size="sm" c="dimmed" data-testid="conversion-progress">
              {percent}% done
            </Text>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
