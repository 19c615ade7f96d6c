import { Paper, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';

/** A row of one line of text with a badge, in Mantine's `sm` spacing. */
const ROW_HEIGHT = 53;

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    align?: 'left' | 'right';
    width?: number | string;
    /** Dropped first when the window is narrow (below 1200 px), so the key columns stay. */
    low?: true;
    /** Kept in view at the right edge while the table scrolls sideways (row actions). */
    pinned?: true;
  }
}

function colClass(meta: { low?: true; pinned?: true } | undefined): string | undefined {
  const names = [meta?.low && 'col-low', meta?.pinned && 'col-pinned'].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

/** A sortable list of records: TanStack Table for the model, Mantine's Table for the looks. */
export function DataTable<T>(props: {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** Names the table for assistive technology ("Workers"). */
  label: string;
  initialSorting?: SortingState;
  getRowId?: (row: T) => string;
  /** Rows shown dimmed (inactive records). */
  isMuted?: (row: T) => boolean;
  /**
   * Above this many rows the table scrolls inside its own box and renders only the rows in
   * view (TanStack Virtual), so a practice with hundreds of workers opens as fast as one with
   * ten. Leave unset for lists that are always short.
   */
  virtualAbove?: number;
  /** Below this width the table scrolls sideways (with a visible scroll bar). */
  minWidth?: number;
}) {
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? []);
  // TanStack Table returns functions the React Compiler can't memoize safely; this component
  // is left uncompiled, which is what the rule reports.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(props.getRowId ? { getRowId: props.getRowId } : {}),
  });

  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = props.virtualAbove !== undefined && rows.length > props.virtualAbove;
  // TanStack Virtual returns functions the React Compiler can't memoize (as Table above).
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((i) => rows[i.index]).filter((r) => r !== undefined) : rows;
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const spacer = (height: number, key: string) =>
    height > 0 ? (
      <tr key={key} aria-hidden style={{ height }}>
        <td colSpan={table.getVisibleLeafColumns().length} style={{ padding: 0, border: 0 }} />
      </tr>
    ) : null;

  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer
        minWidth={props.minWidth ?? 680}
        type="native"
        className="table-scroll"
        ref={scroller}
        mah={virtual ? 'max(420px, calc(100vh - 260px))' : undefined}
      >
        <Table
          stickyHeader={virtual}
          className="data-table"
          aria-label={props.label}
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          fz="sm"
        >
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sort = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta;
                  const content = flexRender(header.column.columnDef.header, header.getContext());
                  const canSort = header.column.getCanSort();
                  return (
                    <Table.Th
                      key={header.id}
                      className={colClass(meta)}
                      ta={meta?.align ?? 'left'}
                      w={meta?.width}
                      aria-sort={
                        sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : undefined
                      }
                    >
                      {canSort ? (
                        <UnstyledButton
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {content}
                          {sort === 'asc' ? (
                            <IconArrowUp size={13} aria-hidden />
                          ) : sort === 'desc' ? (
                            <IconArrowDown size={13} aria-hidden />
                          ) : (
                            <IconSelector size={13} aria-hidden style={{ opacity: 0.5 }} />
                          )}
                        </UnstyledButton>
                      ) : (
                        content
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {spacer(padTop, 'pad-top')}
            {shown.map((row) => (
              <Table.Tr key={row.id} data-muted={props.isMuted?.(row.original) ? true : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td
                    key={cell.id}
                    ta={cell.column.columnDef.meta?.align ?? 'left'}
                    className={colClass(cell.column.columnDef.meta)}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {spacer(padBottom, 'pad-bottom')}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
