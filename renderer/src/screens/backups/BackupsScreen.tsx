import { Button, Divider, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconDatabaseExport, IconFileUpload, IconFolder, IconTrashX } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { BackupItem, BackupList } from '../../../../shared/domain/backups';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery, useSettings } from '../../api/queries';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { readFileBase64 } from '../../lib/download';
import { navigate, useRoute } from '../../lib/route';
import { BackupFolderForm } from './BackupFolderForm';
import { BackupsTable } from './BackupsTable';
import { formatBytes, formatDayLong, plural } from './backupFormat';
import { RestoreModal, type RestoreSource } from './RestoreModal';
import { RetentionForm } from './RetentionForm';

/** The menu's "Back up now" values already acted on, so a remount does not back up twice. */
const handledNow = new Set<string>();

/**
 * The owner's backups: where they go, what is kept and until when, and restoring one. Every
 * listed file was decrypted and read back by main before it got its name.
 */
export function BackupsScreen() {
  const list = useApiQuery('backups.list', {});
  const settings = useSettings();
  const create = useApiMutation('backups.create');
  const { mutate: backUp } = create;
  const [restoring, setRestoring] = useState<RestoreSource | null>(null);
  const [reading, setReading] = useState(false);
  const now = useRoute().params.get('now');

  const backUpNow = useCallback(() => {
    backUp(
      {},
      {
        onSuccess: (item) => {
          notify({
            title: 'Backed up',
            message: `${item.fileName} was written and read back.`,
            color: 'teal',
          });
        },
        onError: (err) =>
          notify({
            title: 'No backup made',
            message: err.fields?.backupFolder ?? errorMessage(err),
            color: 'red',
          }),
      },
    );
  }, [backUp]);

  // Admin → "Back up now" in the application menu lands here with a fresh `now`.
  useEffect(() => {
    if (!now || handledNow.has(now)) return;
    handledNow.add(now);
    navigate('backups', {}, { replace: true });
    backUpNow();
  }, [now, backUpNow]);

  const pickFile = async (file: File | null) => {
    if (!file) return;
    setReading(true);
    try {
      setRestoring({ upload: { name: file.name, base64: await readFileBase64(file) } });
    } catch {
      notify({ message: `${file.name} could not be read.`, color: 'red' });
    } finally {
      setReading(false);
    }
  };

  const onRestore = useCallback(
    (item: BackupItem) => setRestoring({ fileName: item.fileName }),
    [],
  );

  const backUpButton = (
    <Button
      leftSection={<IconDatabaseExport size={17} />}
      loading={create.isPending}
      onClick={backUpNow}
    >
      Back up now
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Backups"
        description="Encrypted copies of the practice's data, made daily, at start-up and on quit."
        action={
          <>
            <FileButton onChange={(f) => void pickFile(f)} accept=".hkbackup">
              {(p) => (
                <Button
                  {...p}
                  variant="default"
                  loading={reading}
                  leftSection={<IconFileUpload size={17} />}
                >
                  Restore from a file…
                </Button>
              )}
            </FileButton>
            {backUpButton}
          </>
        }
      />
      <QueryState query={list}>
        {(l) => (
          <Stack gap="lg">
            <WhereAndUntil list={l} />
            {l.items.length === 0 ? (
              <Empty
                icon={<IconDatabaseExport size={26} />}
                title="No backups yet"
                description="Hourkeep makes one every day while it runs. Make the first one now."
                action={backUpButton}
              />
            ) : (
              <BackupsTable items={l.items} onRestore={onRestore} />
            )}
            <Paper withBorder radius="md" shadow="xs" px="xl" py="xs">
              <BackupFolderForm
                key={l.folder}
                list={l}
                isDefault={settings.data ? settings.data.backupFolder === null : true}
              />
              <Divider />
              <RetentionForm key={JSON.stringify(l.policy)} policy={l.policy} />
            </Paper>
          </Stack>
        )}
      </QueryState>
      {restoring && <RestoreModal source={restoring} onClose={() => setRestoring(null)} />}
    </>
  );
}

/** Where the files are, and the promise the expiry age makes about deleted data. */
function WhereAndUntil({ list }: { list: BackupList }) {
  const total = list.items.reduce((sum, i) => sum + i.bytes, 0);
  return (
    <Paper withBorder radius="md" shadow="xs" px="lg" py="md">
      <Stack gap={8}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconFolder size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="sm">
            Backups go to{' '}
            <Text span className="mono-text" size="sm" fw={600} data-testid="backup-folder">
              {list.folder}
            </Text>
            {list.items.length > 0 &&
              ` — ${plural(list.items.length, 'backup')}, ${formatBytes(total)} in all`}
            .
          </Text>
        </Group>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconTrashX size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="sm" data-testid="gone-by">
            Anything deleted today is gone from every backup by{' '}
            <b>{formatDayLong(list.goneFromBackupsBy)}</b>.
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
