import { Group, Paper, Text } from '@mantine/core';

/**
 * A key fingerprint in large groups of four, so two people can read it to each other and
 * compare it with the other screen group by group.
 */
export function Fingerprint(props: { value: string; label: string }) {
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0">
      <Text size="xs" c="dimmed" mb={6}>
        {props.label}
      </Text>
      <Group gap="sm" aria-label={`${props.label}: ${props.value}`} data-testid="fingerprint">
        {props.value.split(' ').map((group, i) => (
          <Text key={`${i}-${group}`} ff="monospace" fz={21} fw={650} className="tabular">
            {group}
          </Text>
        ))}
      </Group>
    </Paper>
  );
}
