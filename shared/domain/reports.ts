import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';

/** A file main made for the user to save (PDF or CSV), carried through the API as base64. */
export interface ReportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** Pages of a PDF; absent for CSV. */
  pages?: number;
}

/** One data row of an import file, as the preview shows it. */
export interface CsvPreviewRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  /** The row's cells by column name, as read (trimmed). */
  values: Record<string, string>;
  /** Column name → why the value cannot be imported; empty when the row is valid. */
  errors: Record<string, string>;
}

export interface CsvPreview {
  rows: CsvPreviewRow[];
  validCount: number;
  errorCount: number;
}

export interface CsvImportResult {
  imported: number;
  /** Entries written per worker, so the screen can say whose hours changed. */
  workers: { workerId: number; name: string; count: number }[];
}

/** How big an import may be: a year of a busy practice fits many times over. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 20_000;

/** Columns of an hours export, in order. The import reads the same names. */
export const CSV_EXPORT_COLUMNS = [
  'date',
  'worker_id',
  'worker_name',
  'worker_email',
  'site',
  'supervisor',
  'supervisor_email',
  'category',
  'hours',
  'minutes',
  'note',
] as const;

/** Progress tasks main reports while it works, so the renderer can show a bar. */
export const PROGRESS_TASKS = {
  csvCheck: 'csv-check',
  csvImport: 'csv-import',
  pdf: 'pdf',
  personRecord: 'person-record',
  auditVerify: 'audit-verify',
  databaseMove: 'database-move',
} as const;

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / carriage return that hides one) as
 * a formula. An export quotes such a cell with a leading apostrophe so it opens as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const escapeFormula = (cell: string): string =>
  FORMULA_START.test(cell) ? `'${cell}` : cell;

/** The inverse of escapeFormula, so an exported note comes back unchanged when re-imported. */
export const unescapeFormula = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** Hours as a CSV shows them: decimal with two places ("1.25"). */
export const minutesToDecimalHours = (minutes: number): string => (minutes / 60).toFixed(2);

/** Minutes per category for a set of entries, every category present. */
export function minutesByCategory(
  categories: readonly HourCategory[],
  entries: readonly { category: HourCategory; minutes: number }[],
): Record<HourCategory, number> {
  const totals = Object.fromEntries(categories.map((c) => [c, 0])) as Record<HourCategory, number>;
  for (const e of entries) totals[e.category] += e.minutes;
  return totals;
}

/** Distinct Monday-to-Sunday weeks touched by the dates, given each date's week start. */
export function countWeeks(dates: readonly IsoDate[], weekStartOf: (d: IsoDate) => IsoDate) {
  return new Set(dates.map(weekStartOf)).size;
}
