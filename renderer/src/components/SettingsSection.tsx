import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A titled row of a settings card (Settings, Backups): what it is on the left, the fields on the
 * right. `widths`: of the left column and at most of the right one.
 */
export function SettingsSection(props: {
  title: string;
  description: ReactNode;
  children: ReactNode;
  widths?: [number, number];
}) {
  const [left, right] = props.widths ?? [280, 560];
  return (
    <Group align="flex-start" wrap="nowrap" gap="xl" py="lg">
      <Stack gap={4} w={left} style={{ flexShrink: 0 }}>
        <Title order={2} fz="md" fw={650}>
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
      </Stack>
      <Stack gap="md" style={{ flex: 1 }} maw={right}>
        {props.children}
      </Stack>
    </Group>
  );
}
