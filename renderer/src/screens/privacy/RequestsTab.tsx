import { Text } from '@mantine/core';

/** Placeholder: the requests register and its yearly report (requests helper). */
export function RequestsTab() {
  return <Text c="dimmed">Not built yet.</Text>;
}
