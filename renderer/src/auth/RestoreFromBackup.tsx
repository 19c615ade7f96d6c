import {
  Alert,
  Button,
  FileInput,
  Group,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconFileUpload,
  IconKey,
  IconRestore,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { RestorePreview } from '../../../shared/domain/backups';
import { api } from '../api/client';
import { readFileBase64 } from '../lib/download';
import { applyApiError, useApiForm } from '../lib/forms';
import { BackupContents } from '../screens/backups/BackupContents';
import { AuthLayout } from './AuthLayout';
import { refreshStatus } from './session';

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
  const { errors, isSubmitting } = form.formState;

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
              <Controller
                control={form.control}
                name="file"
                render={({ field }) => (
                  <FileInput
                    label="Backup file"
                    description="A file ending in .hkbackup, from the practice's backup folder."
                    placeholder="Choose a file…"
                    accept=".hkbackup"
                    clearable
                    withAsterisk
                    leftSection={<IconFileUpload size={16} />}
                    value={field.value}
                    onChange={field.onChange}
                    error={errors.file?.message}
                  />
                )}
              />
              <TextInput
                label="Recovery code"
                description="The code shown when the practice was set up. It unlocks the backup."
                placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
                withAsterisk
                leftSection={<IconKey size={16} />}
                autoComplete="off"
                spellCheck={false}
                classNames={{ input: 'mono-input' }}
                {...form.register('recoveryCode')}
                error={errors.recoveryCode?.message}
              />
              {formError && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertCircle size={18} />}
                  title="Cannot open this backup"
                  role="alert"
                >
                  {formError}
                </Alert>
              )}
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
              {restoreError && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertCircle size={18} />}
                  title="Not restored"
                  role="alert"
                >
                  {restoreError}
                </Alert>
              )}
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
