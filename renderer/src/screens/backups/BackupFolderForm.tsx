import { Button, Group, TextInput } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconDeviceFloppy, IconFolder } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import type { BackupList } from '../../../../shared/domain/backups';
import { api, errorMessage } from '../../api/client';
import { useApiForm } from '../../lib/forms';
import { SettingsSection } from '../../components/SettingsSection';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Where backups go. Main checks the folder can be written before taking it; a folder on
 * another disk (or a synced one) is what protects the practice from a dead disk.
 */
export function BackupFolderForm(props: { list: BackupList; isDefault: boolean }) {
  const form = useForm<{ backupFolder: string }>({
    defaultValues: { backupFolder: props.list.folder },
  });
  const save = async (folder: string | null) => {
    const list = await api.call('backups.setFolder', { folder });
    form.reset({ backupFolder: list.folder });
    notify({ message: `Backups now go to ${list.folder}`, color: 'teal' });
  };
  const { onSubmit, formError } = useApiForm(form, ['backupFolder'], (v) => save(v.backupFolder), {
    folder: 'backupFolder',
  });
  const { isSubmitting, isDirty, errors } = form.formState;

  return (
    <SettingsSection
      title="Backup folder"
      description="Choose a folder on another disk or a synced drive, so a dead disk does not take the backups with it. Backups already made stay where they are."
    >
      <form noValidate onSubmit={onSubmit} aria-label="Backup folder">
        {formError && <ErrorAlert mb="sm">{formError}</ErrorAlert>}
        <TextInput
          label="Folder"
          description={
            props.isDefault ? 'The default: inside Hourkeep’s data folder.' : 'A folder you chose.'
          }
          leftSection={<IconFolder size={16} />}
          spellCheck={false}
          classNames={{ input: 'mono-input' }}
          {...form.register('backupFolder')}
          error={errors.backupFolder?.message}
        />
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button
            variant="default"
            disabled={props.isDefault || isSubmitting}
            onClick={() => {
              form.clearErrors();
              void save(null).catch((err: unknown) =>
                notify({
                  title: 'Not changed',
                  message: errorMessage(err),
                  color: 'red',
                }),
              );
            }}
          >
            Use the default
          </Button>
          <Button
            type="submit"
            loading={isSubmitting}
            disabled={!isDirty}
            leftSection={<IconDeviceFloppy size={17} />}
          >
            Save folder
          </Button>
        </Group>
      </form>
    </SettingsSection>
  );
}
