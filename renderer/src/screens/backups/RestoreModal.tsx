import { Button, Group, Loader, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiInput } from '../../api/client';
import { api, ApiError, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { queryClient } from '../../api/queryClient';
import { currentStatus, refreshStatus, setNotice } from '../../auth/session';
import type { RestoreOutcome } from '../../../../shared/domain/backups';
import { BackupContents } from './BackupContents';
import { formatMoment } from './backupFormat';
import { RecoveryCodeForm } from './RecoveryCodeForm';
import { RestoreConfirmForm } from './RestoreConfirmForm';
import { RestoreSummary } from './RestoreSummary';
import { ErrorAlert } from '../../components/ErrorAlert';

export type RestoreSource = ApiInput<'backups.previewRestore'>['source'];

/**
 * Restoring from the Backups screen: main decrypts and checks the backup and says what it
 * holds; the owner confirms with their password; main takes a safety backup, swaps the
 * database and reopens it; the dialog then says what happened.
 */
export function RestoreModal(props: { source: RestoreSource; onClose: () => void }) {
  const preview = useApiMutation('backups.previewRestore');
  const [step, setStep] = useState(0);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [codeAsked, setCodeAsked] = useState(false);
  const { source } = props;
  const { mutate } = preview;

  useEffect(() => {
    mutate(
      { source },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.fields?.recoveryCode) setCodeAsked(true);
        },
      },
    );
  }, [mutate, source]);

  const close = () => {
    // A previewed restore holds a decrypted copy in main's temp folder: let it go.
    if (!outcome && preview.data) void api.call('backups.cancelRestore', {}).catch(() => null);
    props.onClose();
  };

  const restored = async (result: RestoreOutcome) => {
    setOutcome(result);
    setStep(2);
    // The database under the app is another one now: nothing cached from before is true (a
    // restore reports only the backup files changed, so the tables' invalidation misses this).
    await queryClient.resetQueries();
    await refreshStatus();
    if (currentStatus()?.phase !== 'active') {
      setNotice(
        `The backup made ${formatMoment(result.restored.createdAt)} was restored. Sign in with an account it holds.`,
      );
    }
  };

  const fileProblem =
    preview.error && !(preview.error instanceof ApiError && preview.error.fields?.recoveryCode)
      ? (preview.error.fields?.file ?? errorMessage(preview.error))
      : null;

  return (
    <Modal
      opened
      onClose={close}
      title="Restore a backup"
      size="lg"
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stepper active={step} size="sm" iconSize={28} mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label="Check" description="What it holds" />
        <Stepper.Step label="Confirm" description="Your password" />
        <Stepper.Step label="Done" description="Summary" />
      </Stepper>

      {step === 0 && (
        <Stack gap="md">
          {preview.isPending && (
            <Group gap="sm" py="lg" justify="center" aria-busy="true">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                Decrypting and checking the backup…
              </Text>
            </Group>
          )}
          {fileProblem && (
            <ErrorAlert title="This backup cannot be restored">{fileProblem}</ErrorAlert>
          )}
          {codeAsked && !preview.data && (
            <RecoveryCodeForm
              busy={preview.isPending}
              run={async (recoveryCode) => {
                await preview.mutateAsync({ source, recoveryCode });
              }}
            />
          )}
          {preview.data && <BackupContents preview={preview.data} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            {preview.data && (
              <Button onClick={() => setStep(1)} data-autofocus>
                Continue
              </Button>
            )}
          </Group>
        </Stack>
      )}

      {step === 1 && preview.data && (
        <RestoreConfirmForm
          preview={preview.data}
          onBack={() => setStep(0)}
          onRestored={(result) => void restored(result)}
        />
      )}

      {step === 2 && outcome && <RestoreSummary outcome={outcome} onDone={props.onClose} />}
    </Modal>
  );
}
