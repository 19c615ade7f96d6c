import type { HourEntry, WeekView } from '../../lib/domain';

/** A day's header (title, total, log button) or one entry under it, in the order shown. */
export type WeekItem =
  | { kind: 'day'; key: string; day: string }
  | {
      kind: 'entry';
      key: string;
      entry: HourEntry;
      /** Position among the week's entries (0-based). */
      index: number;
      /** Position among the day's entries (1-based) and their count, for screen readers. */
      position: number;
      daySize: number;
    };

export interface DayBlock {
  day: string;
  /** Index of the day's header in the items; its entries follow it. */
  header: number;
  entries: number;
}

/**
 * Flattens the week into one list of headers and entries, so a single virtualiser can place
 * them; one pass over the entries (they arrive sorted by date, but are grouped by day here).
 */
export function weekItems(week: WeekView): { items: WeekItem[]; blocks: DayBlock[] } {
  const byDay = new Map<string, HourEntry[]>(week.days.map((d) => [d, []]));
  for (const e of week.entries) byDay.get(e.date)?.push(e);
  const items: WeekItem[] = [];
  const blocks: DayBlock[] = [];
  let index = 0;
  for (const day of week.days) {
    const entries = byDay.get(day) ?? [];
    blocks.push({ day, header: items.length, entries: entries.length });
    items.push({ kind: 'day', key: `day-${day}`, day });
    entries.forEach((entry, i) => {
      items.push({
        kind: 'entry',
        key: `entry-${entry.id}`,
        entry,
        index: index++,
        position: i + 1,
        daySize: entries.length,
      });
    });
  }
  return { items, blocks };
}
