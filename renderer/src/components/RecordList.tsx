import { Button, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { fullName, sortName } from '../lib/people';
import { DataTable } from './DataTable';
import { Empty } from './Empty';
import {
  ListToolbar,
  NoMatches,
  useListFilters,
  type ListFilter,
  type ListSearch,
} from './ListFilters';
import { PageHeader } from './PageHeader';
import { QueryState } from './QueryState';
import { RowAction } from './RowAction';
import { StatusBadge } from './StatusBadge';

/** A record a list screen shows: sites, workers, supervisors, user accounts. */
interface Listed {
  id: number;
  active?: boolean;
}

/** The dash an empty cell shows. */
export const dash = (
  <Text c="dimmed" size="sm">
    —
  </Text>
);

/** Which record the add/edit dialog is open for: a record, 'new', or none (closed). */
export function useEditing<R>() {
  return useState<R | 'new' | null>(null);
}

/** The button that opens the add dialog ("Add site"). */
export function AddButton(props: { label: string; onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={17} />} onClick={props.onClick}>
      {props.label}
    </Button>
  );
}

/** The pencil at the end of a row; `label` is its accessible name ("Edit Downtown Clinic"). */
export function EditButton(props: { tooltip: string; label: string; onClick: () => void }) {
  return <RowAction icon={IconPencil} {...props} />;
}

interface Person {
  firstName: string;
  lastName: string;
  email: string;
}

/** The name column of a list of people: the full name over the email, sorted by last name. */
export function personColumn<R extends Person>() {
  return createColumnHelper<R>().accessor((p) => sortName(p), {
    id: 'name',
    header: 'Name',
    cell: (c) => (
      <Stack gap={0}>
        <Text fw={600} size="sm">
          {fullName(c.row.original)}
        </Text>
        <Text c="dimmed" size="xs">
          {c.row.original.email}
        </Text>
      </Stack>
    ),
  });
}

export function statusColumn<R extends { active: boolean }>() {
  return createColumnHelper<R>().accessor((r) => r.active, {
    id: 'active',
    header: 'Status',
    cell: (c) => <StatusBadge active={c.getValue()} />,
    sortingFn: 'basic',
  });
}

/** The edit pencil alone, as the last column; `name` names the row in the button's label. */
export function editColumn<R>(tooltip: string, name: (r: R) => string, onEdit: (r: R) => void) {
  return createColumnHelper<R>().display({
    id: 'actions',
    header: () => <span className="visually-hidden">Actions</span>,
    meta: { align: 'right', width: 64 },
    cell: (c) => (
      <EditButton
        tooltip={tooltip}
        label={`Edit ${name(c.row.original)}`}
        onClick={() => onEdit(c.row.original)}
      />
    ),
  });
}

/**
 * A screen listing one kind of record: the header (with the add button once there is a record),
 * the search box and filters, the table sorted by name with inactive rows dimmed, the empty
 * state (with the add button) or the no-match state, and the screen's dialogs (`children`).
 */
export function RecordList<R extends Listed>(props: {
  title: string;
  description: ReactNode;
  query: UseQueryResult<R[], ApiError>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<R, any>[];
  /** The add button's label ("Add site"); none where the viewer may not add. */
  addLabel?: string;
  onAdd: () => void;
  empty: { icon: ReactNode; title: string; description: ReactNode };
  search?: ListSearch<R>;
  filters?: ListFilter<R>[];
  /** The column sorted on first ("name" by default). */
  sortBy?: string;
  /** Rows shown dimmed (inactive records by default). */
  isMuted?: (row: R) => boolean;
  children?: ReactNode;
}) {
  const { query, filters = [] } = props;
  const noun = props.title.toLowerCase();
  const narrowing = useListFilters(query.data ?? [], props.search, filters);
  const addButton = props.addLabel ? (
    <AddButton label={props.addLabel} onClick={props.onAdd} />
  ) : undefined;
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        action={query.data?.length ? addButton : undefined}
      />
      <QueryState query={query} empty={<Empty {...props.empty} action={addButton} />}>
        {(list) => (
          <>
            <ListToolbar
              noun={noun}
              search={props.search}
              filters={filters}
              state={narrowing}
              total={list.length}
            />
            {narrowing.shown.length === 0 ? (
              <NoMatches noun={noun} onClear={narrowing.clear} />
            ) : (
              <DataTable
                label={props.title}
                data={narrowing.shown}
                columns={props.columns}
                initialSorting={[{ id: props.sortBy ?? 'name', desc: false }]}
                isMuted={props.isMuted ?? ((r) => r.active === false)}
                getRowId={(r) => String(r.id)}
              />
            )}
          </>
        )}
      </QueryState>
      {props.children}
    </>
  );
}
