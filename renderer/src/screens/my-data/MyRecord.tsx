import { Text } from '@mantine/core';

/** Placeholder: everything held about the person (access helper). */
export function MyRecord() {
  return <Text c="dimmed">Not built yet.</Text>;
}
