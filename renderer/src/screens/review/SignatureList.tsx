import { Badge, Group, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import type { WeekSignature } from '../../../../shared/domain/weekly-logs';
import { formatMinutes } from '../../lib/domain';
import { formatDateTime } from '../../lib/dates';
import { SectionCard } from '../../components/SectionCard';

/** "20 Nov 2026, 14:05" in the workstation's time zone. */
export const formatStamp = (iso: string) => formatDateTime(iso);

/**
 * Every sign-off of the week, newest first: who signed, when, what total, whether the
 * Ed25519 signature still holds (against the recorded key and the entries as they are), the
 * key's fingerprint and the verification code printed on the PDF. Weeks approved before
 * signatures show the hash of their entries; `currentHash` marks whether it still matches.
 */
export function SignatureList(props: { signatures: WeekSignature[]; currentHash: string }) {
  if (props.signatures.length === 0) return null;
  const newest = [...props.signatures].reverse();
  return (
    <SectionCard p="md" aria-labelledby="sig-title">
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
                  {s.scheme === 'ed25519' ? (
                    <Badge size="xs" color={s.valid ? 'teal' : 'red'} variant="light" radius="sm">
                      {s.valid ? 'Signature valid' : 'Does not match'}
                    </Badge>
                  ) : (
                    <Badge size="xs" color="gray" variant="light" radius="sm">
                      Approved before signatures{matches ? ' · matches entries' : ''}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="gray.7">
                  Signed {formatStamp(s.signedAt)} · {s.entries.length}{' '}
                  {s.entries.length === 1 ? 'entry' : 'entries'}, {formatMinutes(total)}
                </Text>
                {s.scheme === 'ed25519' ? (
                  <Text size="xs" c="gray.7">
                    Ed25519 key <span style={{ fontFamily: 'monospace' }}>{s.keyFingerprint}</span>{' '}
                    · verification code{' '}
                    <span style={{ fontFamily: 'monospace', fontWeight: 650 }}>
                      {s.verificationCode}
                    </span>
                  </Text>
                ) : (
                  <Tooltip label="SHA-256 of the entries as signed" openDelay={300}>
                    <Text size="xs" c="gray.7" ff="monospace" truncate aria-label="Entries hash">
                      {s.entriesHash}
                    </Text>
                  </Tooltip>
                )}
                {s.problems.map((p) => (
                  <Text key={p} size="xs" c="red.8" role="alert">
                    {p}
                  </Text>
                ))}
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </SectionCard>
  );
}
