import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import { useApiForm } from '../../lib/forms';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecoveryCodeField } from '../../components/RecoveryCodeField';

/**
 * A backup made with another practice's key (or on another computer) opens only with the
 * recovery code of the practice that made it.
 */
export function RecoveryCodeForm(props: { busy: boolean; run: (code: string) => Promise<void> }) {
  const form = useForm<{ recoveryCode: string }>({ defaultValues: { recoveryCode: '' } });
  const { onSubmit, formError } = useApiForm(form, ['recoveryCode'], (v) =>
    props.run(v.recoveryCode),
  );
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <Alert color="brand" variant="light" icon={<IconKey size={18} />} role="status">
          This backup was made with another data key. Enter the recovery code of the practice that
          made it.
        </Alert>
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <RecoveryCodeField form={form} name="recoveryCode" data-autofocus style={{ flex: 1 }} />
          <Button type="submit" mt={25} loading={props.busy}>
            Open backup
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
