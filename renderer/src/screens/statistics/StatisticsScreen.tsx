import { Text } from '@mantine/core';

/** Placeholder: aggregate statistics (statistics helper). */
export function StatisticsScreen() {
  return <Text c="dimmed">Not built yet.</Text>;
}
