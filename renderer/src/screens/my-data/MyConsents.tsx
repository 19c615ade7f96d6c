import { Text } from '@mantine/core';

/** Placeholder: the person's consents (notice/consent helper). */
export function MyConsents() {
  return <Text c="dimmed">Not built yet.</Text>;
}
