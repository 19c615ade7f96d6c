import { Text } from '@mantine/core';

/** Placeholder: a person's full record as JSON/PDF and the disclosure log (access helper). */
export function RecordsTab() {
  return <Text c="dimmed">Not built yet.</Text>;
}
