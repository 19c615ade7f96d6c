import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';

/**
 * The document a supervisor signs when approving a week: everything a licensing board reads of
 * that week, for the entries this supervisor supervised. It is serialised canonically (keys in
 * order, no whitespace), so the same week always gives the same bytes, and signed with the
 * supervisor's Ed25519 key (main/platform/signing.ts). Versioned by `format`.
 */
export const WEEK_DOCUMENT_FORMAT = 'hourkeep.week-signature/1';

export interface SignedWeekEntry {
  /** The hour entry's id in the practice's database. */
  id: number;
  date: IsoDate;
  site: string;
  category: HourCategory;
  minutes: number;
  /** SHA-256 (hex) of the note as typed, or null: the note itself stays out of the document. */
  noteSha256: string | null;
}

export interface WeekDocument {
  format: typeof WEEK_DOCUMENT_FORMAT;
  practice: { id: string; name: string };
  worker: { id: number; name: string; registrationNumber: string | null };
  week: { start: IsoDate; end: IsoDate };
  /** 1 for the first sign-off; each approved amendment adds one. */
  version: number;
  supervisor: {
    id: number;
    name: string;
    licenseType: string;
    licenseNumber: string;
    licenseState: string;
  };
  /** This supervisor's entries of the week, by date then id. */
  entries: SignedWeekEntry[];
  totals: { minutes: number; entries: number; byCategory: Record<string, number> };
  /** The whole week, every supervisor's entries together. */
  weekTotals: { minutes: number; entries: number };
  signedAt: string;
  /** For an amendment: this supervisor's signature of the version before, if they signed it. */
  previous: { version: number; signature: string } | null;
}

/** JSON with every object's keys sorted and no whitespace: the bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sortEntries = (entries: readonly SignedWeekEntry[]): SignedWeekEntry[] =>
  [...entries].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));

export function totalsOf(entries: readonly SignedWeekEntry[]): WeekDocument['totals'] {
  const byCategory: Record<string, number> = {};
  for (const e of entries) byCategory[e.category] = (byCategory[e.category] ?? 0) + e.minutes;
  return {
    minutes: entries.reduce((n, e) => n + e.minutes, 0),
    entries: entries.length,
    byCategory,
  };
}

/** One difference between two documents of a week, in words a person can act on. */
export interface DocumentDifference {
  /** A dotted path: `entries[id 12].minutes`, `supervisor.licenseNumber`, `entry id 14`. */
  field: string;
  signed: unknown;
  now: unknown;
}

const ENTRY_FIELDS = ['date', 'site', 'category', 'minutes', 'noteSha256'] as const;

/**
 * What differs between the document as signed and as the practice's data gives it now: every
 * field of every entry (matched by id), entries only on one side, and the header fields.
 */
export function diffDocuments(signed: WeekDocument, now: WeekDocument): DocumentDifference[] {
  const out: DocumentDifference[] = [];
  const compare = (field: string, a: unknown, b: unknown) => {
    if (canonicalJson(a) !== canonicalJson(b)) out.push({ field, signed: a, now: b });
  };
  compare('worker', signed.worker, now.worker);
  compare('week', signed.week, now.week);
  compare('supervisor', signed.supervisor, now.supervisor);
  const current = new Map(now.entries.map((e) => [e.id, e]));
  const before = new Map(signed.entries.map((e) => [e.id, e]));
  for (const e of signed.entries) {
    const n = current.get(e.id);
    if (!n) {
      out.push({ field: `entry id ${e.id}`, signed: e, now: null });
      continue;
    }
    for (const f of ENTRY_FIELDS) compare(`entries[id ${e.id}].${f}`, e[f], n[f]);
  }
  for (const e of now.entries) {
    if (!before.has(e.id)) out.push({ field: `entry id ${e.id}`, signed: null, now: e });
  }
  compare('totals', signed.totals, now.totals);
  return out;
}

/** Words for one difference: "entries[id 12].minutes: signed 360, now 840". */
export function describeDifference(d: DocumentDifference): string {
  if (d.field.startsWith('entry id ')) {
    return d.now === null
      ? `${d.field} was signed but is no longer in the week`
      : `${d.field} is in the week but was not signed`;
  }
  return `${d.field}: signed ${canonicalJson(d.signed)}, now ${canonicalJson(d.now)}`;
}
