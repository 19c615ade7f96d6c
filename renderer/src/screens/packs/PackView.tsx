import { Anchor, Badge, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/dates';
import type { Pack } from '../../lib/domain';
import { formatHours } from '../dashboard/format';

const figure = (r: Pack['requirements'][number]) =>
  r.minutes !== undefined
    ? formatHours(r.minutes)
    : r.count !== undefined
      ? `${r.count} ${r.measure === 'months' ? 'months' : 'weeks'}`
      : `${r.percentOfSupervision ?? 0} % of supervision`;

const BASIS: Record<string, { label: string; color: string }> = {
  'source-text': { label: 'Source text', color: 'teal' },
  secondary: { label: 'Secondary', color: 'blue' },
  unverified: { label: 'Unverified', color: 'orange' },
};

/**
 * A pack read-only: its requirements with their basis and the section that states each figure, its
 * notes and the sources it cites.
 */
export function PackView({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useApiQuery('packs.get', { id });
  return (
    <Modal
      opened
      onClose={onClose}
      size={880}
      title={detail.data?.name ?? 'Requirement pack'}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <QueryState query={detail}>
        {({ pack }) => (
          <Stack gap="lg">
            <Text size="sm" c="dimmed">
              {pack.jurisdiction} · {pack.license} · version of {formatDate(pack.versionDate)}
            </Text>
            <Table verticalSpacing="xs" fz="sm" aria-label="Requirements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Requirement</Table.Th>
                  <Table.Th>Figure</Table.Th>
                  <Table.Th>Basis</Table.Th>
                  <Table.Th>Section and sources</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pack.requirements.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td className="tabular nowrap">
                      {r.kind === 'max' ? 'at most ' : ''}
                      {figure(r)}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" radius="sm" color={BASIS[r.basis]?.color}>
                        {BASIS[r.basis]?.label ?? r.basis}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.section && <Text size="sm">{r.section}</Text>}
                      <Text size="xs" ff="monospace" c={r.section ? 'dimmed' : undefined}>
                        {r.sources.join(', ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <div>
              <Title order={3} fz="sm" fw={650} mb={6}>
                Sources
              </Title>
              <List size="sm" spacing={4}>
                {pack.sources.map((s) => (
                  <List.Item key={s.id}>
                    <Anchor href={s.url} target="_blank" rel="noreferrer" size="sm">
                      {s.title}
                    </Anchor>
                    {s.section ? `, ${s.section}` : ''}{' '}
                    <Text span size="xs" c="dimmed">
                      ({s.id}; accessed {formatDate(s.accessed)})
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
            {pack.notes.length > 0 && (
              <div>
                <Title order={3} fz="sm" fw={650} mb={6}>
                  Notes
                </Title>
                <List size="sm" spacing={4}>
                  {pack.notes.map((n) => (
                    <List.Item key={n}>{n}</List.Item>
                  ))}
                </List>
              </div>
            )}
          </Stack>
        )}
      </QueryState>
    </Modal>
  );
}
