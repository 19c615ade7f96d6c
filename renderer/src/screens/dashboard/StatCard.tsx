import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

/** A headline figure with its label and a line of context. */
export function StatCard(props: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon: ReactNode;
  color?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" shadow="xs" p="md" data-testid={props.testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" fw={700} c="gray.6" tt="uppercase" lts="0.04em">
            {props.label}
          </Text>
          <Text fz={24} fw={700} c="dark.8" lh={1.25} className="tabular">
            {props.value}
          </Text>
          {props.hint && (
            <Text size="xs" c="dimmed">
              {props.hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" color={props.color ?? 'brand'} size={38} radius="md">
          {props.icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}
