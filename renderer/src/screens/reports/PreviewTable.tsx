import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ApiResult } from '../../api/client';
import { useWorkers } from '../../api/queries';
import { CATEGORY_LABELS } from '../../lib/categories';
import { fullName } from '../../lib/people';

type Row = ApiResult<'csv.previewImport'>['rows'][number];

type Names = ReadonlyMap<string, string>;

const COLUMNS: {
  key: string;
  label: string;
  width: string;
  read: (r: Row, names: Names) => string;
}[] = [
  { key: 'line', label: 'Line', width: '56px', read: (r) => String(r.line) },
  { key: 'date', label: 'Date', width: '100px', read: (r) => r.values.date ?? '' },
  {
    key: 'worker_id',
    label: 'Worker',
    width: '1fr',
    read: (r, names) =>
      names.get(r.values.worker_id ?? '') ||
      r.values.worker_name ||
      r.values.worker_email ||
      r.values.worker_id ||
      '',
  },
  { key: 'site', label: 'Site', width: '1fr', read: (r) => r.values.site ?? '' },
  {
    key: 'supervisor',
    label: 'Supervisor',
    width: '1fr',
    read: (r) => r.values.supervisor || r.values.supervisor_email || '',
  },
  {
    key: 'category',
    label: 'Category',
    width: '1.2fr',
    read: (r) =>
      (CATEGORY_LABELS as Record<string, string>)[r.values.category ?? ''] ??
      r.values.category ??
      '',
  },
  {
    key: 'minutes',
    label: 'Minutes',
    width: '72px',
    read: (r) => r.values.minutes || (r.values.hours ? `${r.values.hours} h` : ''),
  },
  { key: 'note', label: 'Note', width: '1.2fr', read: (r) => r.values.note ?? '' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');
const ROW_HEIGHT = 34;

/** Which of our columns shows a problem reported on a file column. */
const columnOf = (field: string) =>
  ({ worker_email: 'worker_id', supervisor_email: 'supervisor', hours: 'minutes' })[field] ?? field;

/** Every row of the file, virtualised so a 20,000-row file scrolls smoothly; bad cells in red. */
export function PreviewTable(props: { rows: readonly Row[] }) {
  const parent = useRef<HTMLDivElement>(null);
  const workers = useWorkers();
  const names: Names = new Map((workers.data ?? []).map((w) => [String(w.id), fullName(w)]));
  // TanStack Virtual returns functions the React Compiler can't memoize; it skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const cell = {
    padding: '6px 8px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  } as const;

  return (
    <Box
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 8,
        overflow: 'hidden',
      }}
      role="table"
      aria-label="Rows in the file"
    >
      <Box
        role="row"
        style={{
          display: 'grid',
          gridTemplateColumns: GRID,
          background: 'var(--mantine-color-gray-0)',
          fontWeight: 600,
        }}
      >
        {COLUMNS.map((c) => (
          <Text key={c.key} size="sm" role="columnheader" fw={600} style={cell}>
            {c.label}
          </Text>
        ))}
      </Box>
      <div ref={parent} style={{ maxHeight: 360, overflowY: 'auto' }}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = props.rows[item.index] as Row;
            const bad = new Map(Object.entries(row.errors).map(([f, why]) => [columnOf(f), why]));
            return (
              <Box
                key={item.key}
                role="row"
                data-line={row.line}
                data-invalid={bad.size > 0 || undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: GRID,
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                  background: bad.size ? 'var(--mantine-color-red-0)' : undefined,
                }}
              >
                {COLUMNS.map((c) => {
                  const why = bad.get(c.key);
                  return (
                    <Text
                      key={c.key}
                      size="sm"
                      role="cell"
                      title={why ?? c.read(row, names)}
                      c={why ? 'red.8' : undefined}
                      fw={why ? 600 : undefined}
                      style={cell}
                    >
                      {c.read(row, names) || (why ? '(empty)' : '')}
                    </Text>
                  );
                })}
              </Box>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
