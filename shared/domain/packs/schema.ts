import { z } from 'zod';
import { HOUR_CATEGORIES, type HourCategory } from '../categories.js';
import { isValidIsoDate } from '../dates.js';
import { LICENSE_TYPES } from '../records.js';
import { textField } from '../text.js';

/**
 * A requirement pack: one license's rules as data. Minutes everywhere (3,000 h = 180,000 min).
 *
 * - `categories` says which Hourkeep hour categories are direct clinical work, supervision,
 *   non-clinical practice and couples/families/children work. A category may be both supervision
 *   and non-clinical (California counts direct supervisor contact as non-clinical practice).
 * - `requirements` are the rows of the progress list: each a minimum or maximum of one measure
 *   (or of a list of categories). A `max` in minutes also caps what those minutes add to the total.
 * - `rules` drive the checks that are not a single total: the rolling weekly cap, weekly and
 *   monthly supervision, how long hours keep counting, and when the supervision agreement is due.
 * - Every requirement and rule names the `sources` it comes from, the `section` that holds its
 *   figure (e.g. "BPC §4980.43(c)(8)") and its `basis`: `source-text` (read in the cited statute or
 *   regulation text), `secondary` (a summary of it) or `unverified` (not checked). The built-in
 *   packs ship `source-text` only; a practice's own copy may record less.
 */

const isoDate = z
  .string()
  .refine(isValidIsoDate, { error: 'Must be a real date written YYYY-MM-DD' });
const slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, {
  error: 'Must be lower-case letters and digits separated by - or .',
});
/** Names, citations and notes: the API's text rules, several lines allowed. */
const text = textField({ max: 5000, min: 1, multiline: true });
const category = z.enum(HOUR_CATEGORIES);
const categoryList = z.array(category);
const positiveMinutes = z.number().int().positive();

export const BASES = ['source-text', 'secondary', 'unverified'] as const;
export type Basis = (typeof BASES)[number];

/**
 * Where a figure comes from: ids of the pack's sources, the section (down to the subdivision) that
 * states it, how far it was checked, and why.
 */
const cited = {
  sources: z.array(slug).min(1, { error: 'Name at least one source id' }),
  section: text.optional(),
  basis: z.enum(BASES),
  note: text.optional(),
};

const sourceSchema = z.strictObject({
  id: slug,
  title: text,
  url: z.url({ error: 'Must be a URL' }),
  section: text.optional(),
  accessed: isoDate,
  note: text.optional(),
});

const categoriesSchema = z.strictObject({
  direct: categoryList.min(1, { error: 'Name at least one direct clinical category' }),
  supervision: categoryList,
  nonclinical: categoryList,
  couplesFamiliesChildren: categoryList,
});

/** Measures summed in minutes. `total` is direct + supervision + non-clinical, caps applied. */
export const MINUTE_MEASURES = [
  'total',
  'direct',
  'supervision',
  'nonclinical',
  'couplesFamiliesChildren',
] as const;
/**
 * Measures counted in whole units: `weeks` and `months` from the first to the last counted
 * entry; `supervisionWeeks` Monday–Sunday weeks with enough qualifying supervision.
 */
export const COUNT_MEASURES = ['weeks', 'months', 'supervisionWeeks'] as const;
export type MinuteMeasure = (typeof MINUTE_MEASURES)[number];
export type CountMeasure = (typeof COUNT_MEASURES)[number];

const requirementSchema = z
  .strictObject({
    id: slug,
    label: text,
    kind: z.enum(['min', 'max']),
    measure: z.enum([...MINUTE_MEASURES, ...COUNT_MEASURES]).optional(),
    categories: categoryList.min(1).optional(),
    minutes: positiveMinutes.optional(),
    count: z.number().int().positive().optional(),
    /** For a `max`: at most this share of all supervision minutes (TX: group ≤ 50 %). */
    percentOfSupervision: z.number().int().min(1).max(100).optional(),
    /** For `supervisionWeeks`: count only supervision given by supervisors with these licenses. */
    supervisorLicenseTypes: z.array(z.enum(LICENSE_TYPES)).min(1).optional(),
    ...cited,
  })
  .superRefine((r, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if ((r.measure === undefined) === (r.categories === undefined)) {
      problem('measure', 'Give exactly one of "measure" or "categories"');
      return;
    }
    const counted = r.measure !== undefined && isCountMeasure(r.measure);
    if (counted) {
      if (r.count === undefined) problem('count', `Required for measure "${r.measure}"`);
      if (r.minutes !== undefined) problem('minutes', `Not allowed with measure "${r.measure}"`);
      if (r.kind !== 'min') problem('kind', `Measure "${r.measure}" only takes "min"`);
    } else {
      if (r.count !== undefined) problem('count', 'Only for weeks, months or supervisionWeeks');
      if ((r.minutes === undefined) === (r.percentOfSupervision === undefined))
        problem('minutes', 'Give exactly one of "minutes" or "percentOfSupervision"');
      if (r.percentOfSupervision !== undefined && r.kind !== 'max')
        problem('percentOfSupervision', 'Only for a "max" requirement');
    }
    if (r.supervisorLicenseTypes && r.measure !== 'supervisionWeeks')
      problem('supervisorLicenseTypes', 'Only for measure "supervisionWeeks"');
    if (r.measure === 'total' && r.kind !== 'min')
      problem('kind', 'The total is a minimum; cap its parts instead');
  });

const weeklyCapSchema = z.strictObject({
  /** At most this many minutes in any `windowDays` consecutive days. */
  maxMinutes: positiveMinutes,
  windowDays: z.number().int().min(1).max(31),
  ...cited,
});

const supervisionWeeksSchema = z.strictObject({
  /** Each week with direct hours needs at least this much supervision … */
  minutesPerWeek: positiveMinutes,
  /** … plus this much more when the week's direct minutes exceed the threshold. */
  extraMinutes: z.number().int().nonnegative(),
  extraWhenDirectOverMinutes: positiveMinutes,
  /** Supervision that meets the weekly minimum (group included where the board allows it). */
  weeklyCategories: categoryList.min(1),
  /**
   * How much of a weekly category's minutes count toward the weekly minimum, in percent (100 when
   * not listed). California: two hours of group supervision make one hour of supervisor contact,
   * so `{ "supervision_group": 50 }`.
   */
  creditPercent: z.partialRecord(category, z.number().int().min(1).max(100)).optional(),
  /** Supervision that makes a week count toward a `supervisionWeeks` requirement. */
  qualifyingCategories: categoryList.min(1),
  /** Check each site (setting) on its own: its direct hours against its supervision. */
  perSetting: z.boolean(),
  ...cited,
});

const supervisionMonthsSchema = z.strictObject({
  /** Each calendar month with direct hours needs at least this much supervision. */
  minutesPerMonth: positiveMinutes,
  categories: categoryList.min(1),
  ...cited,
});

const ageLimitSchema = z.strictObject({
  /** Hours stop counting this many months after `from`. */
  months: z.number().int().positive(),
  /** `entryDate`: each entry ages on its own (6-year rule); `supervisionStart`: all at once. */
  from: z.enum(['entryDate', 'supervisionStart']),
  ...cited,
});

const agreementSchema = z.strictObject({
  /** The supervision agreement must be signed within this many days of supervision starting. */
  dueDays: z.number().int().nonnegative(),
  ...cited,
});

const rulesSchema = z.strictObject({
  weeklyCap: weeklyCapSchema.optional(),
  supervisionWeeks: supervisionWeeksSchema.optional(),
  supervisionMonths: supervisionMonthsSchema.optional(),
  ageLimit: ageLimitSchema.optional(),
  agreement: agreementSchema.optional(),
});

export const packSchema = z
  .strictObject({
    id: slug,
    name: text,
    jurisdiction: text,
    license: text,
    versionDate: isoDate,
    notes: z.array(text),
    sources: z.array(sourceSchema).min(1, { error: 'Cite at least one source' }),
    categories: categoriesSchema,
    requirements: z.array(requirementSchema).min(1, { error: 'List at least one requirement' }),
    rules: rulesSchema,
  })
  .superRefine((pack, ctx) => {
    for (const { path, message } of packConsistencyProblems(pack))
      ctx.addIssue({ code: 'custom', path, message });
  });

export type Pack = z.infer<typeof packSchema>;
export type PackRequirement = Pack['requirements'][number];
export type PackRules = Pack['rules'];
export type PackCategories = Pack['categories'];

export function isCountMeasure(m: string): m is CountMeasure {
  return (COUNT_MEASURES as readonly string[]).includes(m);
}

/** The categories a minute requirement adds up (its own list, or its measure's). */
export function requirementCategories(
  pack: Pick<Pack, 'categories'>,
  r: PackRequirement,
): HourCategory[] {
  if (r.categories) return r.categories;
  const c = pack.categories;
  switch (r.measure) {
    case 'total':
      return countedCategories(pack);
    case 'direct':
      return c.direct;
    case 'supervision':
      return c.supervision;
    case 'nonclinical':
      return c.nonclinical;
    case 'couplesFamiliesChildren':
      return c.couplesFamiliesChildren;
    default:
      return [];
  }
}

/** Every category that counts toward the total: direct, supervision and non-clinical. */
export function countedCategories(pack: Pick<Pack, 'categories'>): HourCategory[] {
  const { direct, supervision, nonclinical } = pack.categories;
  return HOUR_CATEGORIES.filter(
    (c) => direct.includes(c) || supervision.includes(c) || nonclinical.includes(c),
  );
}

type Problem = { path: (string | number)[]; message: string };

function packConsistencyProblems(pack: Pack): Problem[] {
  return [
    ...duplicateIds(pack),
    ...unknownSourceRefs(pack),
    ...categoryOverlaps(pack),
    ...requirementMismatches(pack),
    ...overlappingCaps(pack),
  ];
}

function duplicateIds(pack: Pack): Problem[] {
  const problems: Problem[] = [];
  const check = (ids: string[], list: 'sources' | 'requirements') => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) problems.push({ path: [list, i, 'id'], message: `Duplicate id "${id}"` });
      seen.add(id);
    });
  };
  check(
    pack.sources.map((s) => s.id),
    'sources',
  );
  check(
    pack.requirements.map((r) => r.id),
    'requirements',
  );
  return problems;
}

function unknownSourceRefs(pack: Pack): Problem[] {
  const known = new Set(pack.sources.map((s) => s.id));
  const cites: { path: (string | number)[]; sources: string[] }[] = [
    ...pack.requirements.map((r, i) => ({ path: ['requirements', i], sources: r.sources })),
    ...Object.entries(pack.rules).map(([name, rule]) => ({
      path: ['rules', name],
      sources: rule.sources,
    })),
  ];
  return cites.flatMap(({ path, sources }) =>
    sources
      .map((id, j) => ({ id, j }))
      .filter(({ id }) => !known.has(id))
      .map(({ id, j }) => ({
        path: [...path, 'sources', j],
        message: `Unknown source id "${id}"`,
      })),
  );
}

function categoryOverlaps(pack: Pack): Problem[] {
  const c = pack.categories;
  const problems: Problem[] = [];
  const disjoint = (a: HourCategory[], b: HourCategory[], field: string, other: string) => {
    const both = a.filter((x) => b.includes(x));
    if (both.length)
      problems.push({
        path: ['categories', field],
        message: `${both.join(', ')} cannot also be ${other}`,
      });
  };
  const subset = (a: HourCategory[], b: HourCategory[], path: (string | number)[], of: string) => {
    const extra = a.filter((x) => !b.includes(x));
    if (extra.length) problems.push({ path, message: `${extra.join(', ')} must be ${of}` });
  };
  disjoint(c.supervision, c.direct, 'supervision', 'direct');
  disjoint(c.nonclinical, c.direct, 'nonclinical', 'direct');
  subset(c.couplesFamiliesChildren, c.direct, ['categories', 'couplesFamiliesChildren'], 'direct');
  const { supervisionWeeks: sw, supervisionMonths: sm } = pack.rules;
  if (sw) {
    const where = ['rules', 'supervisionWeeks'];
    subset(sw.weeklyCategories, c.supervision, [...where, 'weeklyCategories'], 'supervision');
    subset(
      sw.qualifyingCategories,
      c.supervision,
      [...where, 'qualifyingCategories'],
      'supervision',
    );
    subset(
      Object.keys(sw.creditPercent ?? {}) as HourCategory[],
      sw.weeklyCategories,
      [...where, 'creditPercent'],
      'one of rules.supervisionWeeks.weeklyCategories',
    );
  }
  if (sm)
    subset(
      sm.categories,
      c.supervision,
      ['rules', 'supervisionMonths', 'categories'],
      'supervision',
    );
  return problems;
}

function requirementMismatches(pack: Pack): Problem[] {
  const problems: Problem[] = [];
  const totals = pack.requirements.filter((r) => r.measure === 'total');
  if (totals.length !== 1)
    problems.push({
      path: ['requirements'],
      message: `Needs exactly one requirement with measure "total" (found ${totals.length})`,
    });
  pack.requirements.forEach((r, i) => {
    const at = (field: string, message: string) =>
      problems.push({ path: ['requirements', i, field], message });
    if (r.measure === 'supervisionWeeks' && !pack.rules.supervisionWeeks)
      at('measure', 'Measure "supervisionWeeks" needs rules.supervisionWeeks');
    if (r.measure === 'couplesFamiliesChildren' && !pack.categories.couplesFamiliesChildren.length)
      at('measure', 'categories.couplesFamiliesChildren is empty');
    if (r.percentOfSupervision !== undefined && !pack.categories.supervision.length)
      at('percentOfSupervision', 'categories.supervision is empty');
    if (r.measure !== undefined && !isCountMeasure(r.measure)) {
      if (requirementCategories(pack, r).length === 0)
        at('measure', `Measure "${r.measure}" has no categories in this pack`);
    }
  });
  return problems;
}

/** Minute caps decide what counts toward the total, so no category may sit under two caps. */
function overlappingCaps(pack: Pack): Problem[] {
  const owner = new Map<HourCategory, string>();
  const problems: Problem[] = [];
  pack.requirements.forEach((r, i) => {
    if (r.kind !== 'max' || r.minutes === undefined) return;
    for (const c of requirementCategories(pack, r)) {
      const first = owner.get(c);
      if (first)
        problems.push({
          path: ['requirements', i],
          message: `Category ${c} is already capped by requirement "${first}"`,
        });
      else owner.set(c, r.id);
    }
  });
  return problems;
}

/** A pack that failed validation: the message names each bad field, e.g. `requirements[2].minutes`. */
export class PackValidationError extends Error {
  constructor(
    readonly packLabel: string,
    readonly problems: string[],
  ) {
    super(
      `Requirement pack "${packLabel}" is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PackValidationError';
  }
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(pack)';
}

export type PackCheck = { ok: true; pack: Pack } | { ok: false; problems: string[] };

/** Validates without throwing: each problem reads `path: message`. */
export function checkPack(raw: unknown): PackCheck {
  const result = packSchema.safeParse(raw);
  if (result.success) return { ok: true, pack: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`),
  };
}

/** Validates and returns the pack, or throws a PackValidationError naming every bad field. */
export function parsePack(raw: unknown, label?: string): Pack {
  const check = checkPack(raw);
  if (check.ok) return check.pack;
  const id =
    label ??
    (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : 'unnamed');
  throw new PackValidationError(id, check.problems);
}
