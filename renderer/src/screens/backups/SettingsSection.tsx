import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled row of the backup settings card: what it is on the left, the fields on the right. */
export function SettingsSection(props: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="xl" py="lg">
      <Stack gap={4} w={280} style={{ flexShrink: 0 }}>
        <Title order={2} fz="md" fw={650}>
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
      </Stack>
      <Stack gap="md" style={{ flex: 1 }} maw={560}>
        {props.children}
      </Stack>
    </Group>
  );
}
