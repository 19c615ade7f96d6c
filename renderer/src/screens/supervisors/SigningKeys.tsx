import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useApiQuery } from '../../api/queries';
import { formatStamp } from '../review/SignatureList';

/**
 * A supervisor's signing keys: the fingerprint a licensing board or a verifier compares with
 * the one printed on a signed log. A retired key (replaced at a password reset) still
 * verifies what it signed.
 */
export function SigningKeys(props: { supervisorId: number }) {
  const keys = useApiQuery('weeks.signingKeys', { supervisorId: props.supervisorId });
  if (!keys.data) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="signing-keys">
      <Title order={2} fz="md" fw={650} id="signing-keys" mb={4}>
        Signing key
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        Week sign-offs are signed with this Ed25519 key. Its private half is kept under the
        supervisor&apos;s password; the fingerprint below is printed on every signed log.
      </Text>
      {keys.data.length === 0 ? (
        <Text size="sm">No key yet: one is made at the supervisor&apos;s next sign-in.</Text>
      ) : (
        <Stack gap="xs" role="list" aria-label="Signing keys">
          {[...keys.data].reverse().map((k) => (
            <Group key={k.id} role="listitem" gap="sm" wrap="nowrap" align="flex-start">
              <IconKey size={16} aria-hidden style={{ marginTop: 3 }} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" ff="monospace" fw={650}>
                    {k.fingerprint}
                  </Text>
                  <Badge size="xs" variant="light" color={k.retiredAt ? 'gray' : 'teal'}>
                    {k.retiredAt ? 'Retired' : 'Current'}
                  </Badge>
                </Group>
                <Text size="xs" c="gray.7">
                  Made {formatStamp(k.createdAt)}
                  {k.retiredAt
                    ? ` · retired ${formatStamp(k.retiredAt)} (${k.retiredReason ?? 'replaced'})`
                    : ''}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
