import type { ReportFile } from '../reports.js';
import { DATA_CATEGORIES, type PersonType } from './people.js';
import type { DisclosureView } from './person-record.js';

export { DISCLOSURE_FORMATS, type DisclosureFormat } from './people.js';

/** A disclosure with the person it was about, for the owner's yearly report. */
export interface DisclosureReportRow extends DisclosureView {
  personType: PersonType;
  personId: number;
  /** Null when the person has since been deleted. */
  personName: string | null;
}

export interface DisclosureReport {
  year: number;
  rows: DisclosureReportRow[];
  /** The report as a file, when one was asked for. */
  file: ReportFile | null;
}

/** Categories in words; a full record's long list reads as one phrase. */
export function categoriesLabel(categories: readonly string[]): string {
  const all = Object.keys(DATA_CATEGORIES);
  if (all.every((c) => categories.includes(c))) return 'The full record (every category)';
  return categories.map((c) => (DATA_CATEGORIES as Record<string, string>)[c] ?? c).join(', ');
}
