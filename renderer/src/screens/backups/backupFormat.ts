import { formatDate, formatDateLong, formatDateTime } from '../../lib/dates';
import type { BackupItem, BackupTier } from '../../../../shared/domain/backups';
import type { KeepReason } from '../../../../shared/domain/retention';

export const TIER_LABELS: Record<BackupTier, string> = {
  daily: 'Daily',
  startup: 'At start-up',
  quit: 'On quit',
  manual: 'Manual',
  safety: 'Before restore',
};

export const TIER_COLORS: Record<BackupTier, string> = {
  daily: 'brand',
  startup: 'cyan',
  quit: 'grape',
  manual: 'teal',
  safety: 'orange',
};

export const KEEP_LABELS: Record<KeepReason, string> = {
  within: 'Within',
  last: 'Latest',
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
  future: 'Future date',
};

/** "20 Nov 2026, 10:00" */
export const formatMoment = (iso: string | null): string => formatDateTime(iso);

/** "20 Nov 2027" */
export const formatDay = (iso: string | null): string => formatDate(iso);

/** "20 November 2027", for the sentence about deleted data. */
export const formatDayLong = (iso: string | null): string => (iso ? formatDateLong(iso) : '—');

/** Sizes as a file manager shows them: "412 kB", "38.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  const mb = bytes / 1_000_000;
  return `${mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export const tierLabel = (item: Pick<BackupItem, 'tier'>): string =>
  item.tier ? TIER_LABELS[item.tier] : 'Unknown';

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;
