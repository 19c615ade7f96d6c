import { Alert } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A refusal from main (wrong password, throttled, locked out) above the form, in main's words. */
export function AuthAlert(props: { children: ReactNode; title?: string; tone?: 'error' | 'info' }) {
  const info = props.tone === 'info';
  return (
    <Alert
      color={info ? 'brand' : 'red'}
      variant="light"
      icon={info ? <IconInfoCircle size={18} /> : <IconAlertCircle size={18} />}
      title={props.title}
      role={info ? 'status' : 'alert'}
    >
      {props.children}
    </Alert>
  );
}
