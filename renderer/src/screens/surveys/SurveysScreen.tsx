import { Text } from '@mantine/core';

/** Placeholder: anonymous surveys (statistics helper). */
export function SurveysScreen() {
  return <Text c="dimmed">Not built yet.</Text>;
}
