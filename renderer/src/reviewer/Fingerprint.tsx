import { Group, Text } from '@mantine/core';

/** A key fingerprint in large groups of four, so two people can read it to each other. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" aria-label={`${label}: ${value}`} role="group" data-testid="fingerprint">
      {value.split(' ').map((g, i) => (
        <Text key={i} ff="monospace" fz={22} fw={650} c="dark.8" aria-hidden>
          {g}
        </Text>
      ))}
    </Group>
  );
}
