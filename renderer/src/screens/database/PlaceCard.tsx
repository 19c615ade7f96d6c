import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase, IconDeviceDesktop, IconServer } from '@tabler/icons-react';
import type { DatabasePlace } from '../../../../shared/domain/database';
import { SectionCard } from '../../components/SectionCard';

/** Where the practice is kept now: the workstation's file, or the server and how it is reached. */
export function PlaceCard({ place }: { place: DatabasePlace }) {
  return (
    <SectionCard aria-labelledby="db-place-title" data-testid="database-place">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
          {place.kind === 'file' ? <IconDeviceDesktop size={22} /> : <IconServer size={22} />}
        </ThemeIcon>
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Title order={2} fz="md" fw={650} id="db-place-title">
            Where the practice is kept
          </Title>
          {place.kind === 'file' ? (
            <>
              <Text size="sm" fw={600}>
                This workstation&apos;s encrypted file
              </Text>
              <Text size="sm" className="mono-text" style={{ wordBreak: 'break-all' }}>
                {place.file}
              </Text>
            </>
          ) : (
            <>
              <Text size="sm" fw={600}>
                PostgreSQL server{' '}
                <Text span className="mono-text" size="sm" fw={600}>
                  {place.host}:{place.port}
                </Text>{' '}
                / database{' '}
                <Text span className="mono-text" size="sm" fw={600}>
                  {place.database}
                </Text>{' '}
                as{' '}
                <Text span className="mono-text" size="sm" fw={600}>
                  {place.user}
                </Text>
              </Text>
              <Text size="sm" c="dimmed">
                {place.caFile ? (
                  <>
                    Over TLS, checked against the practice CA certificate{' '}
                    <Text span className="mono-text" size="sm" style={{ wordBreak: 'break-all' }}>
                      {place.caFile}
                    </Text>
                  </>
                ) : (
                  'Through a local socket on this computer: nothing crosses the network.'
                )}
              </Text>
            </>
          )}
        </Stack>
      </Group>
    </SectionCard>
  );
}

/**
 * On the server, Admin → Backups makes pg_dump archives of the practice, encrypted here, and
 * restores them on the server for every workstation (issue 21).
 */
export function ServerBackupsNote() {
  return (
    <SectionCard aria-labelledby="db-server-backups-title">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={40} radius="md" variant="light" color="teal" aria-hidden>
          <IconDatabase size={22} />
        </ThemeIcon>
        <Stack gap={6}>
          <Title order={2} fz="md" fw={650} id="db-server-backups-title">
            Backups on the server
          </Title>
          <Text size="sm">
            Admin → Backups backs the practice up from the server with{' '}
            <span className="mono-text">pg_dump</span>, encrypted as every Hourkeep backup, into
            this workstation&apos;s backup folder: daily, at start-up, on quit and on demand. A
            restore there replaces the practice on the server, for every workstation.
          </Text>
          <Text size="sm" c="dimmed">
            Other workstations join the practice on this server with the practice&apos;s recovery
            code.
          </Text>
        </Stack>
      </Group>
    </SectionCard>
  );
}
