import { Text } from '@mantine/core';

/** Placeholder: deletion and the retention rules (deletion helper). */
export function RetentionTab() {
  return <Text c="dimmed">Not built yet.</Text>;
}
