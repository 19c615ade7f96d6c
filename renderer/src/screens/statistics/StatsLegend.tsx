import { Group, Paper, Stack, Text } from '@mantine/core';
import { SuppressedValue } from './SuppressedValue';
import { SUPPRESSION_LEGEND } from './statsFormat';

/** What the two kinds of hidden cell mean. */
export function StatsLegend() {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="section"
      aria-label="Legend"
      data-testid="stats-legend"
    >
      <Stack gap={6}>
        {(['small', 'complementary'] as const).map((why) => (
          <Group key={why} gap="sm" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 150 }}>
              <SuppressedValue
                figure={{ value: null, people: null, suppressed: why }}
                field="value"
              />
            </div>
            <Text size="xs" c="dimmed">
              {SUPPRESSION_LEGEND[why]}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
