import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { RestoreOutcome } from '../../../../shared/domain/backups';
import { formatMoment, plural } from './backupFormat';

/** After a restore: what the app holds now, and how to undo it. */
export function RestoreSummary(props: { outcome: RestoreOutcome; onDone: () => void }) {
  const { restored, safetyBackup, migratedFrom, migratedTo } = props.outcome;
  const { counts } = restored.summary;
  return (
    <Stack gap="md" data-testid="restore-summary">
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} />}
        title="Restored"
        role="status"
      >
        Hourkeep now holds the data from the backup made {formatMoment(restored.createdAt)}
        {restored.summary.practiceName ? ` (${restored.summary.practiceName})` : ''}.
      </Alert>
      <Text size="sm">
        It holds {plural(counts.workers, 'worker')}, {plural(counts.supervisors, 'supervisor')} and{' '}
        {plural(counts.hourEntries, 'hour entry', 'hour entries')}.
      </Text>
      {migratedFrom !== migratedTo && (
        <Text size="sm">
          The backup was brought forward from schema version {migratedFrom} to {migratedTo}.
        </Text>
      )}
      {safetyBackup && (
        <Text size="sm">
          The data as it was before is in the safety backup{' '}
          <Text span className="mono-text" size="sm" fw={600}>
            {safetyBackup.fileName}
          </Text>
          ; restore it from this screen to undo.
        </Text>
      )}
      <Text size="xs" c="dimmed">
        The restore is recorded in the audit trail.
      </Text>
      <Group justify="flex-end">
        <Button onClick={props.onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
