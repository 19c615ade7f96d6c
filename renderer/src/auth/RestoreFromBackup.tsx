import { Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFileUpload, IconKey, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { RestorePreview } from '../../../shared/domain/backups';
import { api } from '../api/client';
import { readFileBase64 } from '../lib/download';
import { applyApiError, useApiForm } from '../lib/forms';
import { BackupContents } from '../screens/backups/BackupContents';
import { AuthLayout } from './AuthLayout';
import { refreshStatus } from './session';
import { ErrorAlert } from '../components/ErrorAlert';
import { FileField, TextField } from '../components/fields';

interface PickValues {
  file: File | null;
  recoveryCode: string;
}

/** Main names the uploaded bytes by their place in the input; here they are all "the file". */
const UPLOAD_FIELDS = { upload: 'file', 'upload.name': 'file', 'upload.base64': 'file' } as const;

/**
 * First run on a new computer: the practice comes back from a backup file and the recovery
 * code that unwraps its data key; the key then goes into this computer's keychain and the
 * people sign in with the accounts the backup holds.
 */
export function RestoreFromBackup({ onBack }: { onBack: () => void }) {
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const form = useForm<PickValues>({ defaultValues: { file: null, recoveryCode: '' } });
  const { isSubmitting } = form.formState;

  const { onSubmit, formError } = useApiForm(
    form,
    ['file', 'recoveryCode'],
    async ({ file, recoveryCode }) => {
      if (!file) {
        form.setError('file', { message: 'Choose the backup file (it ends in .hkbackup)' });
        return;
      }
      const upload = { name: file.name, base64: await readFileBase64(file) };
      setPreview(await api.call('setup.previewBackup', { upload, recoveryCode }));
    },
    UPLOAD_FIELDS,
  );

  const restore = async () => {
    if (!preview) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      await api.call('setup.restoreBackup', { token: preview.token });
      // Main now reports the restored practice as signed out: the sign-in screen follows.
      await refreshStatus();
    } catch (err) {
      setRestoreError(applyApiError(err, form.setError, []));
    } finally {
      setRestoring(false);
    }
  };

  return (
    <AuthLayout width={640}>
      <Stack gap={4} mb="xl">
        <Title order={1} fz={24} c="dark.8">
          Restore from a backup
        </Title>
        <Text size="sm" c="dimmed">
          Bring a practice to this computer from one of its backup files.
        </Text>
      </Stack>
      <Stepper active={preview ? 1 : 0} size="sm" iconSize={30} mb="xl">
        <Stepper.Step label="Backup file" description="And the recovery code">
          <form noValidate onSubmit={onSubmit}>
            <Stack gap="md" pt="lg">
              <FileField
                form={form}
                name="file"
                label="Backup file"
                description="A file ending in .hkbackup, from the practice's backup folder."
                placeholder="Choose a file…"
                accept=".hkbackup"
                clearable
                withAsterisk
                leftSection={<IconFileUpload size={16} />}
              />
              <TextField
                form={form}
                name="recoveryCode"
                label="Recovery code"
                description="The code shown when the practice was set up. It unlocks the backup."
                placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
                withAsterisk
                leftSection={<IconKey size={16} />}
                autoComplete="off"
                spellCheck={false}
                classNames={{ input: 'mono-input' }}
              />
              {formError && <ErrorAlert title="Cannot open this backup">{formError}</ErrorAlert>}
              <Group justify="space-between">
                <Button
                  variant="default"
                  leftSection={<IconArrowLeft size={17} />}
                  onClick={onBack}
                  disabled={isSubmitting}
                >
                  Set up a new practice instead
                </Button>
                <Button type="submit" loading={isSubmitting}>
                  Open backup
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label="Check and restore" description="What it holds">
          {preview && (
            <Stack gap="md" pt="lg">
              <BackupContents preview={preview} />
              <Text size="sm">
                Hourkeep will hold this practice&apos;s data on this computer and keep its data key
                in this computer&apos;s keychain. Everyone then signs in with the username and
                password they had.
              </Text>
              {restoreError && <ErrorAlert title="Not restored">{restoreError}</ErrorAlert>}
              <Group justify="space-between">
                <Button
                  variant="default"
                  leftSection={<IconArrowLeft size={17} />}
                  onClick={() => setPreview(null)}
                  disabled={restoring}
                >
                  Back
                </Button>
                <Button
                  loading={restoring}
                  leftSection={<IconRestore size={17} />}
                  onClick={() => void restore()}
                >
                  Restore this practice
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
    </AuthLayout>
  );
}
