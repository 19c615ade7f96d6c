import { ActionIcon, Badge, Box, Group, Paper, Text, Title, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type ReactNode,
} from 'react';
import {
  formatMinutes,
  type HourEntry,
  type Site,
  type SupervisorListItem,
} from '../../lib/domain';
import type { WeekView } from '../../lib/domain';
import { formatDayLong } from '../../lib/dates';
import { EntryRow } from './EntryRow';
import { weekItems, type WeekItem } from './week-items';

// Every header and row is measured once on screen (a note makes a row taller), but a guess that
// is right means no re-layout of the thousands below: the sizes a row without a note has.
const HEADER_SIZE = 41;
const ROW_SIZE = 52;
const LAST_ROW_SIZE = 62;
// An ordinary week (up to this many headers and rows) is rendered whole: everything on the
// page for find-in-page and screen readers. Past it, rows near the window only.
const WHOLE_WEEK = 120;
// Rows kept rendered above and below the window: a Tab from the last one rendered finds the
// next one already there. Few, since a jump down the list mounts all of them anew.
const OVERSCAN = 2;

const GAP = 2;

/** Whole pixels: text line heights give fractions, and a fraction off the guess re-lays it all. */
const measureElement = (el: Element, entry: ResizeObserverEntry | undefined) =>
  Math.round(entry?.borderBoxSize[0]?.blockSize ?? el.getBoundingClientRect().height);
const INSET = 'var(--mantine-spacing-md)';

/**
 * The week, day by day. A week can hold thousands of entries, so only the rows near the
 * window are in the page (one virtualiser over the page's scroll, headers and rows in one
 * list). Each day stays a labelled region holding its header and its list of entries.
 */
export function WeekDays(props: {
  week: WeekView;
  today: string;
  siteById: Map<number, Site>;
  supervisorById: Map<number, SupervisorListItem>;
  canLog: boolean;
  /** Submitted or approved: entries are shown without edit controls. */
  frozen: boolean;
  onAdd: (date: string) => void;
  onEdit: (entry: HourEntry) => void;
  onDelete: (entry: HourEntry) => void;
}) {
  const { week } = props;
  const { items, blocks } = useMemo(() => weekItems(week), [week]);
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The focused row stays rendered when scrolled away, so focus is not lost with it.
  const [focused, setFocused] = useState<number | null>(null);

  // Where the list starts in the page; what loads above it (alerts, the review bar) moves it,
  // and that changes the page's size.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => {
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY + el.clientTop);
      setScrollMargin((was) => (was === top ? was : top));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const estimateSize = useCallback(
    (i: number) => {
      const item = items[i];
      if (item?.kind !== 'entry') return HEADER_SIZE;
      return item.position === item.daySize ? LAST_ROW_SIZE : ROW_SIZE;
    },
    [items],
  );
  const getItemKey = useCallback((i: number) => items[i]?.key ?? i, [items]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const shown = new Set(defaultRangeExtractor(range));
      for (const b of blocks) shown.add(b.header);
      if (focused !== null && focused < items.length) shown.add(focused);
      return [...shown].sort((a, b) => a - b);
    },
    [blocks, focused, items.length],
  );
  const virtual = useWindowVirtualizer({
    count: items.length,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: items.length <= WHOLE_WEEK ? items.length : OVERSCAN,
    scrollMargin,
    measureElement,
  });
  const shown = virtual.getVirtualItems();
  const placed = virtual.measurementsCache;
  const origin = virtual.options.scrollMargin;

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const at = e.target.closest('[data-index]')?.getAttribute('data-index');
    setFocused(at == null ? null : Number(at));
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) {
      setFocused(null);
    }
  };

  return (
    <Paper
      ref={listRef}
      withBorder
      radius="md"
      shadow="xs"
      onFocus={onFocus}
      onBlur={onBlur}
      style={{
        position: 'relative',
        height: virtual.getTotalSize(),
        boxSizing: 'content-box',
        // Its height is set above, so rows mounting as the list scrolls re-lay this box only.
        contain: 'size layout',
      }}
    >
      {blocks.map((block) => {
        const head = placed[block.header];
        const end = placed[block.header + block.entries];
        if (!head || !end) return null;
        const { day } = block;
        const label = formatDayLong(day);
        const future = day > props.today;
        const total = week.dayTotals[day] ?? 0;
        const rows = shown.filter(
          (v) => v.index > block.header && v.index <= block.header + block.entries,
        );
        return (
          <Box
            key={day}
            component="section"
            className="day-card"
            aria-label={label}
            mod={{ today: day === props.today, future }}
            style={{
              position: 'absolute',
              top: head.start - origin,
              left: 0,
              right: 0,
              height: end.end - head.start,
              contain: 'size layout',
            }}
          >
            <div
              ref={virtual.measureElement}
              data-index={block.header}
              className="day-head"
              style={{
                padding: `var(--mantine-spacing-sm) ${INSET}`,
                paddingBottom: block.entries ? 6 : 'var(--mantine-spacing-sm)',
              }}
            >
              <DayHeader
                day={day}
                label={label}
                today={day === props.today}
                future={future}
                empty={block.entries === 0}
                total={total}
                onAdd={props.canLog && !future ? props.onAdd : undefined}
              />
            </div>
            {block.entries > 0 && (
              <div
                role="list"
                aria-label={`Entries on ${label}`}
                style={{ position: 'absolute', top: head.size, left: 0, right: 0, bottom: 0 }}
              >
                {rows.map((v) => {
                  const item = items[v.index] as Extract<WeekItem, { kind: 'entry' }>;
                  const last = item.position === item.daySize;
                  return (
                    <div
                      key={v.key}
                      ref={virtual.measureElement}
                      data-index={v.index}
                      role="listitem"
                      aria-posinset={item.position}
                      aria-setsize={item.daySize}
                      style={{
                        position: 'absolute',
                        top: 0,
                        left: INSET,
                        right: INSET,
                        transform: `translateY(${v.start - head.end}px)`,
                        paddingBottom: last ? 'var(--mantine-spacing-sm)' : GAP,
                      }}
                    >
                      <EntryRow
                        entry={item.entry}
                        index={item.index}
                        site={props.siteById.get(item.entry.siteId)}
                        supervisor={props.supervisorById.get(item.entry.supervisorId)}
                        editable={!props.frozen}
                        onEdit={props.onEdit}
                        onDelete={props.onDelete}
                      />
                    </div>
                  );
                })}
              </div>
            )}
          </Box>
        );
      })}
    </Paper>
  );
}

/** Memoised with stable props: the list renders again on every scroll frame, the headers need not. */
const DayHeader = memo(function DayHeader(props: {
  day: string;
  label: string;
  today: boolean;
  future: boolean;
  empty: boolean;
  total: number;
  onAdd: ((day: string) => void) | undefined;
}): ReactNode {
  const { day, onAdd } = props;
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap={8}>
        <Title
          order={3}
          fz="sm"
          fw={650}
          className="day-label"
          c={props.future ? 'dimmed' : undefined}
        >
          {props.label}
        </Title>
        {props.today && (
          <Badge size="xs" variant="light" radius="sm">
            Today
          </Badge>
        )}
        {props.empty && (
          <Text size="xs" c="dimmed">
            {props.future ? 'Not yet' : 'No entries'}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {props.total > 0 && (
          <Text
            size="sm"
            fw={650}
            className="tabular"
            aria-label={`Day total ${formatMinutes(props.total)}`}
          >
            {formatMinutes(props.total)}
          </Text>
        )}
        {onAdd && (
          <Tooltip label="Log hours on this day">
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={`Log hours on ${props.label}`}
              onClick={() => onAdd(day)}
            >
              <IconPlus size={15} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Group>
  );
});
