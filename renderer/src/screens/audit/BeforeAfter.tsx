import { Code, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatIfDate } from '../../lib/dates';

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field's value as people read it: dates and moments through the app's one formatter. */
const show = (v: unknown): string =>
  v === undefined ? '' : typeof v === 'string' ? formatIfDate(v) : JSON.stringify(v, null, 2);

/**
 * What an audited change did: field by field, before beside after, changed fields marked.
 * Anything that is not a flat record is shown as pretty-printed JSON side by side.
 */
export function BeforeAfter(props: { before: string | null; after: string | null }) {
  const before = parse(props.before);
  const after = parse(props.after);

  if ((before === null || isRecord(before)) && (after === null || isRecord(after))) {
    const b = before ?? {};
    const a = after ?? {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return (
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
        <Table className="diff-table" fz="xs" verticalSpacing={4} horizontalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => {
              const changed = show(b[k]) !== show(a[k]);
              return (
                <Table.Tr key={k} data-changed={changed || undefined}>
                  <Table.Td className="mono-text">{k}</Table.Td>
                  <Table.Td className="diff-before">
                    <span className="diff-value">{before === null ? '' : show(b[k])}</span>
                  </Table.Td>
                  <Table.Td className="diff-after">
                    <span className="diff-value">{after === null ? '' : show(a[k])}</span>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <SimpleGrid cols={2}>
      {[
        ['Before', before],
        ['After', after],
      ].map(([label, value]) => (
        <Stack gap={4} key={String(label)}>
          <Group>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {String(label)}
            </Text>
          </Group>
          <Code block>{value === null ? '—' : show(value)}</Code>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
