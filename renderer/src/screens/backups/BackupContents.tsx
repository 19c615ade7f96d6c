import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { RestorePreview } from '../../../../shared/domain/backups';
import { TIER_COLORS, TIER_LABELS, formatMoment } from './backupFormat';

/**
 * What a decrypted, checked backup holds, for the person to recognise before restoring it.
 * Shared by the Backups screen's restore dialog and the first-run wizard.
 */
export function BackupContents({ preview }: { preview: RestorePreview }) {
  const { summary } = preview;
  const rows: [string, string][] = [
    ['Practice', summary.practiceName ?? '—'],
    ['Made', formatMoment(preview.createdAt)],
    ['Hourkeep version', preview.appVersion],
    ['Schema version', String(summary.schemaVersion)],
    ['File', preview.fileName],
  ];
  const counts: [string, string, number][] = [
    ['workers', 'Workers', summary.counts.workers],
    ['supervisors', 'Supervisors', summary.counts.supervisors],
    ['hour-entries', 'Hour entries', summary.counts.hourEntries],
  ];
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" data-testid="backup-contents">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={650}>What this backup holds</Text>
          <Badge color={TIER_COLORS[preview.tier]} variant="light" radius="sm">
            {TIER_LABELS[preview.tier]}
          </Badge>
        </Group>
        <Table
          withRowBorders={false}
          verticalSpacing={4}
          horizontalSpacing={0}
          fz="sm"
          aria-label="Backup details"
        >
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={150} fw={500} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <SimpleGrid cols={3} spacing="sm">
          {counts.map(([id, label, n]) => (
            <Paper key={id} withBorder radius="sm" px="sm" py={8} bg="white">
              <Text fz={22} fw={650} lh={1.2} data-testid={`count-${id}`}>
                {n.toLocaleString()}
              </Text>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
