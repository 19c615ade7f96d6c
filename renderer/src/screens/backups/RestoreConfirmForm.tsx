import { Button, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import type { RestoreOutcome, RestorePreview } from '../../../../shared/domain/backups';
import { useApiMutation } from '../../api/queries';
import { useApiForm } from '../../lib/forms';
import { formatMoment } from './backupFormat';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../auth/session';

/** The owner's password confirms a restore; main counts a wrong one toward the lock-out. */
export function RestoreConfirmForm(props: {
  preview: RestorePreview;
  onBack: () => void;
  onRestored: (outcome: RestoreOutcome) => void;
}) {
  const restore = useApiMutation('backups.restore');
  const onServer = useSession().status?.kept === 'server';
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const { onSubmit, formError } = useApiForm(form, ['password'], async ({ password }) => {
    try {
      props.onRestored(await restore.mutateAsync({ token: props.preview.token, password }));
    } catch (err) {
      form.setValue('password', '');
      throw err;
    }
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <Text size="sm">
          Hourkeep will switch to the data in the backup made{' '}
          <b>{formatMoment(props.preview.createdAt)}</b>.
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            First it takes a <b>safety backup</b> of the data as it is now, so this can be undone by
            restoring that one.
          </List.Item>
          <List.Item>
            Anything entered since the backup was made will no longer be in the app; it stays in the
            safety backup.
          </List.Item>
          <List.Item>
            If the backup does not know your account as an owner, you sign in again afterwards.
          </List.Item>
          {onServer && (
            <List.Item>
              The practice is kept on its server: every workstation sees the restored data. The
              restore waits up to 10 seconds for other workstations to finish what they are saving.
            </List.Item>
          )}
        </List>
        {formError && <ErrorAlert title="Not restored">{formError}</ErrorAlert>}
        <PasswordInput
          label="Your password"
          description="To confirm it is you."
          autoComplete="current-password"
          data-autofocus
          autoFocus
          {...form.register('password')}
          error={form.formState.errors.password?.message}
        />
        <Group justify="space-between">
          <Button variant="default" onClick={props.onBack} disabled={restore.isPending}>
            Back
          </Button>
          <Button
            type="submit"
            color="red"
            loading={restore.isPending}
            leftSection={<IconRestore size={17} />}
          >
            Restore this backup
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
