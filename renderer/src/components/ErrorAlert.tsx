import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/**
 * What went wrong, in the red box screen readers announce (`role="alert"`). `title` says what
 * did not happen ("Not saved"); the children say why. Other Alert props pass through.
 */
export function ErrorAlert(props: AlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      role="alert"
      {...props}
    />
  );
}
