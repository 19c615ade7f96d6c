import { Group, Pagination, Paper, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

export interface SimpleColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'left' | 'right';
  width?: number | string;
}

/**
 * A read-only table of records, a page at a time, so a person with years of hours or audit
 * rows still gets a quick screen. `empty` says what is missing when there are no rows.
 */
export function SimpleTable<T>(props: {
  label: string;
  rows: readonly T[];
  columns: readonly SimpleColumn<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  pageSize?: number;
}) {
  const size = props.pageSize ?? 20;
  const pages = Math.max(1, Math.ceil(props.rows.length / size));
  const [asked, setPage] = useState(1);
  const page = Math.min(asked, pages);
  if (props.rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {props.empty}
      </Text>
    );
  const shown = props.rows.slice((page - 1) * size, page * size);
  return (
    <>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={560} type="native">
          <Table aria-label={props.label} fz="sm" verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((c) => (
                  <Table.Th key={c.header} ta={c.align ?? 'left'} w={c.width}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={props.rowKey(row)}>
                  {props.columns.map((c) => (
                    <Table.Td key={c.header} ta={c.align ?? 'left'}>
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {pages > 1 && (
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            {(page - 1) * size + 1}–{Math.min(page * size, props.rows.length)} of{' '}
            {props.rows.length}
          </Text>
          <Pagination
            size="sm"
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        </Group>
      )}
    </>
  );
}
