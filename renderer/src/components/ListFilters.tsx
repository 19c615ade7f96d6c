import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Empty } from './Empty';

/** A choice that narrows a list ("Status: Active", "Site: Downtown Clinic"); "all" keeps every row. */
export interface ListFilter<R> {
  /** Names the control for assistive technology ("Status"). */
  label: string;
  /** The "all" choice's text ("All statuses"). */
  all: string;
  options: { value: string; label: string }[];
  /** Whether a row stays under the chosen value. */
  test: (row: R, value: string) => boolean;
}

/** How a list is searched: the text of a row the search box looks in (name, email, licence…). */
export interface ListSearch<R> {
  placeholder: string;
  text: (row: R) => string;
}

const ALL = 'all';

/** Folds case and accents, so "jose" finds "José". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The search text and filter values a list is narrowed by, and the rows left. */
export function useListFilters<R>(
  rows: R[],
  search?: ListSearch<R>,
  filters: ListFilter<R>[] = [],
) {
  const [query, setQuery] = useState('');
  const [values, setValues] = useState<string[]>(() => filters.map(() => ALL));
  const words = fold(query).split(/\s+/).filter(Boolean);
  const shown = rows.filter((r) => {
    if (search && words.length) {
      const text = fold(search.text(r));
      if (!words.every((w) => text.includes(w))) return false;
    }
    return filters.every((f, i) => (values[i] ?? ALL) === ALL || f.test(r, values[i] ?? ALL));
  });
  const narrowed = words.length > 0 || values.some((v) => v !== ALL);
  const clear = () => {
    setQuery('');
    setValues(filters.map(() => ALL));
  };
  const setValue = (i: number, v: string) => setValues((vs) => vs.map((x, j) => (j === i ? v : x)));
  return { query, setQuery, values, setValue, shown, narrowed, clear };
}

type Narrowing<R> = ReturnType<typeof useListFilters<R>>;

/** The search box and filter menus above a list, with how many rows are shown. */
export function ListToolbar<R>(props: {
  /** What the list holds, lower case ("workers"). */
  noun: string;
  search?: ListSearch<R>;
  filters: ListFilter<R>[];
  state: Narrowing<R>;
  total: number;
}) {
  const { state } = props;
  if (!props.search && props.filters.length === 0) return null;
  return (
    <Group gap="sm" mb="md" align="flex-end" role="search" aria-label={`Find ${props.noun}`}>
      {props.search && (
        <TextInput
          type="search"
          aria-label={`Search ${props.noun}`}
          placeholder={props.search.placeholder}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={state.query}
          onChange={(e) => state.setQuery(e.currentTarget.value)}
          w={300}
        />
      )}
      {props.filters.map((f, i) => (
        <Select
          key={f.label}
          aria-label={f.label}
          data={[{ value: ALL, label: f.all }, ...f.options]}
          value={state.values[i] ?? ALL}
          onChange={(v) => state.setValue(i, v ?? ALL)}
          allowDeselect={false}
          w={190}
        />
      ))}
      {state.narrowed && (
        <Text size="sm" c="gray.7" aria-live="polite" data-testid="list-count">
          {state.shown.length} of {props.total} shown
        </Text>
      )}
    </Group>
  );
}

/** Active or inactive, by the record's flag (the labels are the list's own words). */
export function statusFilter<R extends { active: boolean }>(
  active = 'Active',
  inactive = 'Inactive',
  isActive: (row: R) => boolean = (r) => r.active,
): ListFilter<R> {
  return {
    label: 'Status',
    all: 'All statuses',
    options: [
      { value: 'active', label: active },
      { value: 'inactive', label: inactive },
    ],
    test: (r, v) => isActive(r) === (v === 'active'),
  };
}

/** Nothing matches the search and filters: say so, and offer to clear them. */
export function NoMatches(props: { noun: string; onClear: () => void }) {
  return (
    <Empty
      icon={<IconSearch size={26} />}
      title={`No ${props.noun} match`}
      description="Nothing in the list matches the search and filters. Try other words, or clear them to see everyone."
      action={
        <Button variant="default" onClick={props.onClear}>
          Clear search and filters
        </Button>
      }
    />
  );
}
