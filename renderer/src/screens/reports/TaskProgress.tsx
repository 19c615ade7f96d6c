import { Progress, Stack, Text } from '@mantine/core';
import { percent, type ProgressState } from './useProgress';

/** A bar for long work in main, with words saying what it is doing. */
export function TaskProgress(props: { label: string; progress: ProgressState | null }) {
  const value = percent(props.progress);
  const p = props.progress;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm" c="dimmed">
        {props.label}
        {p && p.total > 1 ? ` — ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : '…'}
      </Text>
      <Progress value={p ? value : 100} animated striped={!p} aria-label={props.label} />
    </Stack>
  );
}
