import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { api } from '../../api/client';
import { percent, type ProgressState } from './useProgress';

/** Long calls main can stop (reports.cancel): the task named in their progress events. */
export type CancellableTask = 'pdf' | 'person-record' | 'csv-check' | 'csv-import';

/**
 * A bar for long work in main, with words saying what it is doing, and a Cancel button when
 * the work can be stopped (`cancel`): the call then answers that nothing was made or recorded.
 */
export function TaskProgress(props: {
  label: string;
  progress: ProgressState | null;
  cancel?: CancellableTask;
}) {
  const value = percent(props.progress);
  const p = props.progress;
  const { cancel } = props;
  const bar = (
    <Stack gap={4} role="status" aria-live="polite" style={{ flex: 1 }}>
      <Text size="sm" c="dimmed">
        {props.label}
        {p && p.total > 1 ? ` — ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : '…'}
      </Text>
      <Progress value={p ? value : 100} animated striped={!p} aria-label={props.label} />
    </Stack>
  );
  if (!cancel) return bar;
  return (
    <Group align="flex-end" wrap="nowrap">
      {bar}
      <Button variant="default" onClick={() => void api.call('reports.cancel', { task: cancel })}>
        Cancel
      </Button>
    </Group>
  );
}
