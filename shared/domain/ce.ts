import { addDays, addYears, differenceInCalendarDays, parseISO } from 'date-fns';
import { toIsoDate, type IsoDate } from './dates.js';
import type { DisclosureFormat } from './privacy/disclosures.js';

/**
 * Continuing education: records, renewal cycles and the compliance of a cycle. Workers
 * (associates) and supervisors (licensees) both keep CE, so a person is a type and an id.
 */
export const CE_PERSON_TYPES = ['worker', 'supervisor'] as const;
export type CePersonType = (typeof CE_PERSON_TYPES)[number];

export const CE_CATEGORIES = ['law_ethics', 'general', 'supervision', 'other'] as const;
export type CeCategory = (typeof CE_CATEGORIES)[number];

export const CE_CATEGORY_LABELS: Record<CeCategory, string> = {
  law_ethics: 'Law & ethics',
  general: 'General',
  supervision: 'Supervision',
  other: 'Other',
};

/** A person a CE call concerns. */
export interface CePerson {
  personType: CePersonType;
  personId: number;
}

/** A course as listed; the certificate's bytes travel only through `ce.certificate`. */
export interface CeRecord extends CePerson {
  id: number;
  title: string;
  provider: string;
  date: IsoDate;
  minutes: number;
  category: CeCategory;
  certificateName: string | null;
  certificateType: string | null;
  hasCertificate: boolean;
  createdAt: string;
  updatedAt: string;
}

export const CE_PRESETS = ['ca-licensee', 'ca-associate', 'custom'] as const;
export type CePreset = (typeof CE_PRESETS)[number];

export interface CeCycle extends CePerson {
  id: number;
  preset: CePreset;
  startDate: IsoDate;
  endDate: IsoDate;
  requiredMinutes: number;
  /** Law & ethics minutes required; part of `requiredMinutes`, not on top of it. */
  lawEthicsMinutes: number;
}

/** The only file types a certificate may be, with the bytes each must start with. */
export const CE_CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type CeCertificateType = (typeof CE_CERTIFICATE_TYPES)[number];
/** How a certificate's download is named in the disclosure log. */
export const CERTIFICATE_DISCLOSURE_FORMATS: Record<CeCertificateType, DisclosureFormat> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
};
export const CE_CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024;

export interface CePresetDefinition {
  id: Exclude<CePreset, 'custom'>;
  label: string;
  /** Who the preset is for: licensees are supervisors, associates are workers. */
  personType: CePersonType;
  years: number;
  requiredMinutes: number;
  lawEthicsMinutes: number;
  sources: string[];
}

/*
 * California Board of Behavioral Sciences figures, checked against the published texts
 * (2026-11, via the project's reference search):
 * - 16 CCR §1887.3(a): a licensee accrues at least 36 hours of CE each renewal period.
 * - 16 CCR §1887.3(c): at least 6 of those hours in law and ethics, counted within the 36
 *   (the text seen was Justia's, current through Register 2024 No. 12; a secondary source
 *   cites the same rule as §1887.3(d) after the July 2023 amendments — letter unverified).
 * - BPC §4984(a)-(b): an LMFT license expires no more than 24 months after issue and is renewed
 *   for two years, certifying the CE of BPC §4980.54 (§4980.54's own text: unverified).
 * - BPC §4984.01(a): an associate MFT registration expires one year from the last day of the
 *   month of issue.
 * - BPC §4980.399(e): a registrant completes at least 3 hours of CE in California law and
 *   ethics during each renewal period to be eligible to renew.
 * Not verified: 16 CCR §1887.2, and the LCSW/LPCC counterparts (BPC §4996.22, §4999.76) — the
 * board's summaries give the same 36/6 and 3-hour figures for those licenses.
 */
export const CE_PRESET_DEFINITIONS: Record<Exclude<CePreset, 'custom'>, CePresetDefinition> = {
  'ca-licensee': {
    id: 'ca-licensee',
    label: 'California licensee (36 h per 2 years, 6 h law & ethics)',
    personType: 'supervisor',
    years: 2,
    requiredMinutes: 36 * 60,
    lawEthicsMinutes: 6 * 60,
    sources: ['16 CCR §1887.3(a), (c)', 'BPC §4984'],
  },
  'ca-associate': {
    id: 'ca-associate',
    label: 'California associate (3 h law & ethics per registration year)',
    personType: 'worker',
    years: 1,
    requiredMinutes: 3 * 60,
    lawEthicsMinutes: 3 * 60,
    sources: ['BPC §4980.399(e)', 'BPC §4984.01(a)'],
  },
};

/** A preset's cycle ending on an expiry date: it starts the day after the expiry N years before. */
export function presetCycle(
  preset: Exclude<CePreset, 'custom'>,
  endDate: IsoDate,
): { startDate: IsoDate; endDate: IsoDate; requiredMinutes: number; lawEthicsMinutes: number } {
  const def = CE_PRESET_DEFINITIONS[preset];
  return {
    startDate: toIsoDate(addDays(addYears(parseISO(endDate), -def.years), 1)),
    endDate,
    requiredMinutes: def.requiredMinutes,
    lawEthicsMinutes: def.lawEthicsMinutes,
  };
}

/** The cycle to judge a person by: the one holding today, else the next to start, else the last. */
export function currentCycle<C extends Pick<CeCycle, 'startDate' | 'endDate'>>(
  cycles: readonly C[],
  today: IsoDate,
): C | null {
  const holding = cycles.filter((c) => c.startDate <= today && today <= c.endDate);
  if (holding.length > 0) return [...holding].sort(byEnd)[0] ?? null;
  const next = cycles.filter((c) => c.startDate > today).sort(byStart)[0];
  if (next) return next;
  return [...cycles].sort(byEnd).at(-1) ?? null;
}

const byStart = (a: Pick<CeCycle, 'startDate'>, b: Pick<CeCycle, 'startDate'>) =>
  a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0;
const byEnd = (a: Pick<CeCycle, 'endDate'>, b: Pick<CeCycle, 'endDate'>) =>
  a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0;

/** Days before the end of a cycle from which an unmet requirement is flagged. */
export const CE_DUE_SOON_DAYS = 90;

/**
 * compliant: the requirement is met. in-progress: not met, more than 90 days left.
 * due-soon: not met, 90 days or fewer left (the end day itself included).
 * overdue: not met and the end date has passed. no-cycle: nothing set up.
 */
export const CE_STATUSES = ['compliant', 'in-progress', 'due-soon', 'overdue', 'no-cycle'] as const;
export type CeStatus = (typeof CE_STATUSES)[number];

export interface CeCompliance {
  status: CeStatus;
  cycle: CeCycle | null;
  /** Minutes of every category dated inside the cycle (law & ethics included). */
  countedMinutes: number;
  lawEthicsMinutes: number;
  requiredMinutes: number;
  requiredLawEthicsMinutes: number;
  remainingMinutes: number;
  remainingLawEthicsMinutes: number;
  met: boolean;
  dueDate: IsoDate | null;
  /** Days from today to the due date: 0 on the day itself, negative once past. */
  daysLeft: number | null;
}

/** Pure: how a person stands in one cycle. Records dated outside the cycle do not count. */
export function ceCompliance(
  cycle: CeCycle | null,
  records: readonly Pick<CeRecord, 'date' | 'minutes' | 'category'>[],
  today: IsoDate,
): CeCompliance {
  if (!cycle) {
    return {
      status: 'no-cycle',
      cycle: null,
      countedMinutes: 0,
      lawEthicsMinutes: 0,
      requiredMinutes: 0,
      requiredLawEthicsMinutes: 0,
      remainingMinutes: 0,
      remainingLawEthicsMinutes: 0,
      met: false,
      dueDate: null,
      daysLeft: null,
    };
  }
  let counted = 0;
  let lawEthics = 0;
  for (const r of records) {
    if (r.date < cycle.startDate || r.date > cycle.endDate) continue;
    counted += r.minutes;
    if (r.category === 'law_ethics') lawEthics += r.minutes;
  }
  const remainingMinutes = Math.max(0, cycle.requiredMinutes - counted);
  const remainingLawEthicsMinutes = Math.max(0, cycle.lawEthicsMinutes - lawEthics);
  const met = remainingMinutes === 0 && remainingLawEthicsMinutes === 0;
  const daysLeft = differenceInCalendarDays(parseISO(cycle.endDate), parseISO(today));
  const status: CeStatus = met
    ? 'compliant'
    : daysLeft < 0
      ? 'overdue'
      : daysLeft <= CE_DUE_SOON_DAYS
        ? 'due-soon'
        : 'in-progress';
  return {
    status,
    cycle,
    countedMinutes: counted,
    lawEthicsMinutes: lawEthics,
    requiredMinutes: cycle.requiredMinutes,
    requiredLawEthicsMinutes: cycle.lawEthicsMinutes,
    remainingMinutes,
    remainingLawEthicsMinutes,
    met,
    dueDate: cycle.endDate,
    daysLeft,
  };
}

/** A person's standing from all their cycles and records. */
export function ceStatusOf(
  cycles: readonly CeCycle[],
  records: readonly Pick<CeRecord, 'date' | 'minutes' | 'category'>[],
  today: IsoDate,
): CeCompliance {
  return ceCompliance(currentCycle(cycles, today), records, today);
}

/** One row of the CE overview: a person the caller may see and how they stand. */
export interface CeOverviewRow extends CePerson {
  name: string;
  /** License expiry (supervisor) or registration expiry (worker), where known. */
  expires: IsoDate | null;
  active: boolean;
  compliance: CeCompliance;
}

/** What a certificate download carries. */
export interface CeCertificateFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((b, i) => bytes[i] === b);

/** The bytes each allowed type starts with: "%PDF-", the PNG signature, a JPEG's SOI marker. */
const SIGNATURES: Record<CeCertificateType, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

export const isCertificateType = (v: string): v is CeCertificateType =>
  (CE_CERTIFICATE_TYPES as readonly string[]).includes(v);

/**
 * Why a certificate file is refused, or null. The type is the one the file claims, and the
 * bytes must bear it out, so a renamed executable or a text file never goes in as a "PDF".
 */
export function certificateProblem(mimeType: string, bytes: Uint8Array): string | null {
  if (!isCertificateType(mimeType)) return 'Attach a PDF, PNG or JPEG file';
  if (bytes.length === 0) return 'The file is empty';
  if (bytes.length > CE_CERTIFICATE_MAX_BYTES) return 'The file is larger than 5 MB';
  if (!startsWith(bytes, SIGNATURES[mimeType])) {
    return `The file's contents are not a ${mimeType === 'application/pdf' ? 'PDF' : mimeType === 'image/png' ? 'PNG' : 'JPEG'}`;
  }
  return null;
}
