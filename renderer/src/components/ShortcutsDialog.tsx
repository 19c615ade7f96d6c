import { Kbd, Modal, Table } from '@mantine/core';
import { OTHER_SHORTCUTS, SHORTCUTS } from '../lib/shortcuts';

/** Help → Keyboard shortcuts (and "?"): every shortcut the app has. */
export function ShortcutsDialog(props: { opened: boolean; onClose: () => void }) {
  const rows = [
    ...SHORTCUTS.map((s) => ({ keys: s.key, label: s.label, where: s.where })),
    ...OTHER_SHORTCUTS,
  ];
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="Keyboard shortcuts"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      <Table aria-label="Keyboard shortcuts" fz="sm" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            <Table.Th>Does</Table.Th>
            <Table.Th>Where</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.keys}>
              <Table.Td>
                <Kbd>{r.keys}</Kbd>
              </Table.Td>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td>{r.where}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
