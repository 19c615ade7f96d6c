import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Every screen opens with its title, a line saying what it holds, and its primary action. */
export function PageHeader(props: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap" gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={26} lh={1.2} c="dark.8">
          {props.title}
        </Title>
        {props.description && (
          <Text c="dimmed" size="sm">
            {props.description}
          </Text>
        )}
      </Stack>
      {props.action && <Group gap="sm">{props.action}</Group>}
    </Group>
  );
}
