import { Badge, Group, Paper, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { format } from 'date-fns';
import type { WeekSignature } from '../../../../main/domain/weekly-logs';
import { formatMinutes } from '../../lib/domain';

/** "20 Nov 2026, 14:05" in the workstation's time zone. */
export const formatStamp = (iso: string) => format(new Date(iso), 'd MMM yyyy, HH:mm');

/**
 * Every sign-off of the week, newest first: who signed, when, what total, and the fingerprint
 * (hash) of the entries as signed. `currentHash` marks whether the entries still match.
 */
export function SignatureList(props: { signatures: WeekSignature[]; currentHash: string }) {
  if (props.signatures.length === 0) return null;
  const newest = [...props.signatures].reverse();
  return (
    <Paper
      withBorder
      radius="md"
      shadow="xs"
      p="md"
      component="section"
      aria-labelledby="sig-title"
    >
      <Title order={2} fz="md" fw={650} id="sig-title" mb="sm">
        Signatures
      </Title>
      <Stack gap="sm" role="list" aria-label="Signatures">
        {newest.map((s) => {
          const total = s.entries.reduce((sum, e) => sum + e.minutes, 0);
          const matches = s.entriesHash === props.currentHash;
          return (
            <Group key={s.id} role="listitem" wrap="nowrap" align="flex-start" gap="sm">
              <ThemeIcon variant="light" color="teal" radius="xl" size="md" aria-hidden>
                <IconSignature size={16} />
              </ThemeIcon>
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={650}>
                    Version {s.version} · {s.signerName}
                  </Text>
                  {matches && (
                    <Badge size="xs" color="teal" variant="light" radius="sm">
                      Matches entries
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="gray.7">
                  Signed {formatStamp(s.signedAt)} · {s.entries.length}{' '}
                  {s.entries.length === 1 ? 'entry' : 'entries'}, {formatMinutes(total)}
                </Text>
                <Tooltip label="SHA-256 of the entries as signed" openDelay={300}>
                  <Text size="xs" c="dimmed" ff="monospace" truncate aria-label="Entries hash">
                    {s.entriesHash}
                  </Text>
                </Tooltip>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
