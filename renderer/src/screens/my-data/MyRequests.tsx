import { Text } from '@mantine/core';

/** Placeholder: the person's requests and a correction request form (requests helper). */
export function MyRequests() {
  return <Text c="dimmed">Not built yet.</Text>;
}
