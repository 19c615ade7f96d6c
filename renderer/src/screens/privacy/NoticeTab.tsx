import { Text } from '@mantine/core';

/** Placeholder: notice versions and the free-text policy (notice/consent helper). */
export function NoticeTab() {
  return <Text c="dimmed">Not built yet.</Text>;
}
