import type { IsoDate } from '../dates.js';
import type { PersonType } from './people.js';
import type { RetentionRule, RetentionRuleKey } from './retention-rules.js';

/**
 * What a deletion removes now and what the retention rules keep, and until when. Pure: the
 * service (main/services/privacy/deletion.ts) reads the person's data into groups of rows, each
 * naming the rule that may keep it and the date that rule counts from; this decides.
 */
export const DELETION_CATEGORIES = {
  profile: 'Profile',
  account: 'User account',
  acknowledgements: 'Privacy notice acknowledgements',
  survey_participation: 'Survey participation (who answered)',
  hours: 'Hour entries (not signed)',
  weekly_logs: 'Weekly logs (never signed)',
  approved_weeks: 'Approved weeks: hours, logs and signatures',
  assignments: 'Supervision assignments',
  session_attendance: 'Supervision sessions attended',
  sessions_led: 'Supervision sessions led',
  signatures: 'Signatures on other people\u2019s weeks',
  others_hours: 'Other people\u2019s hours naming them as supervisor',
  ce_records: 'CE records',
  ce_cycles: 'CE cycles',
  consents: 'Consents',
  disclosures: 'Disclosure log entries',
  requests: 'Requests register rows',
} as const;
export type DeletionCategory = keyof typeof DELETION_CATEGORIES;

/** Where a rule's years count from. */
export type CountFrom = 'last-supervision' | IsoDate;

export interface FactGroup {
  /** The service's own name for the rows, handed back in the decision. */
  id: string;
  category: DeletionCategory;
  count: number;
  /** The rule that may keep these rows; null: nothing keeps them. */
  rule: RetentionRuleKey | null;
  from: CountFrom | null;
  /**
   * Rows that belong to another person's record: never deleted with this person. While the rule
   * keeps them they show its lapse date; after that they are kept for that person (no date).
   */
  heldByOthers?: string;
  /** Kept rows that refer to the person's profile or account keep that row too. */
  needs?: readonly ('profile' | 'account')[];
  /** Kept with the person replaced by a reference (the requests register): never blocks. */
  anonymisedWhenKept?: true;
}

export interface SupervisionHistory {
  assignments: readonly { start: IsoDate; end: IsoDate | null }[];
  sessionDates: readonly IsoDate[];
  approvedDates: readonly IsoDate[];
}

export interface PersonFacts {
  personType: PersonType;
  supervision: SupervisionHistory;
  groups: readonly FactGroup[];
}

export type Disposition = 'delete' | 'keep' | 'anonymise';

export interface PlanLine {
  category: DeletionCategory;
  label: string;
  count: number;
}

export interface RetainedLine extends PlanLine {
  rule: RetentionRuleKey | null;
  ruleLabel: string | null;
  /** The first day it may be deleted; null: kept while another person's records need it. */
  lapsesOn: IsoDate | null;
  reason: string;
}

export interface GroupDecision {
  id: string;
  category: DeletionCategory;
  disposition: Disposition;
  lapsesOn: IsoDate | null;
  rule: RetentionRuleKey | null;
}

export type DeletionVerdict = 'complete' | 'partial' | 'refused';

export interface DeletionPlan {
  today: IsoDate;
  lastSupervisionOn: IsoDate | null;
  deleteNow: PlanLine[];
  retained: RetainedLine[];
  /** Kept without anything that names the person (the requests register). */
  anonymised: RetainedLine[];
  /** The lapse dates of what is kept: the days the rest is deleted. */
  scheduledFor: IsoDate[];
  verdict: DeletionVerdict;
  decisions: GroupDecision[];
}

/**
 * Whole years later. A 29 February start lands on 1 March in a common year: the period is
 * never cut short by the missing day.
 */
export function addYearsIso(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (md === '02-29' && !leap) return `${String(y).padStart(4, '0')}-03-01`;
  return `${String(y).padStart(4, '0')}-${md}`;
}

const maxDate = (dates: readonly (IsoDate | null)[]): IsoDate | null =>
  dates.reduce<IsoDate | null>((m, d) => (d !== null && (m === null || d > m) ? d : m), null);

/**
 * The last day the person was supervised (or supervised someone): the end of each assignment
 * that has begun (today while it is open), each session and each approved hour, never after
 * today. Null when they never were.
 */
export function lastSupervisionOn(history: SupervisionHistory, today: IsoDate): IsoDate | null {
  const capped = (d: IsoDate) => (d > today ? today : d);
  return maxDate([
    ...history.assignments.filter((a) => a.start <= today).map((a) => capped(a.end ?? today)),
    ...history.sessionDates.filter((d) => d <= today),
    ...history.approvedDates.filter((d) => d <= today),
  ]);
}

/** The later of two dates, either possibly missing. */
export const laterOf = (a: IsoDate | null, b: IsoDate | null): IsoDate | null => maxDate([a, b]);

export function planDeletion(
  facts: PersonFacts,
  rules: readonly RetentionRule[],
  today: IsoDate,
): DeletionPlan {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const lastSupervision = lastSupervisionOn(facts.supervision, today);
  const decisions: GroupDecision[] = [];
  const retained: RetainedLine[] = [];
  const anonymised: RetainedLine[] = [];
  const deleteNow = new Map<DeletionCategory, number>();
  const addDeleted = (c: DeletionCategory, n: number) => {
    if (n > 0) deleteNow.set(c, (deleteNow.get(c) ?? 0) + n);
  };
  const needing: { needs: 'profile' | 'account'; line: RetainedLine }[] = [];
  /** What becomes of one group of the person's rows, and until when under which rule. */
  const decide = (
    g: FactGroup,
    disposition: GroupDecision['disposition'],
    lapsesOn: IsoDate | null = null,
    rule: GroupDecision['rule'] = null,
  ) => decisions.push({ id: g.id, category: g.category, disposition, lapsesOn, rule });

  const line = (
    g: FactGroup,
    rule: RetentionRule | null,
    lapsesOn: IsoDate | null,
    reason: string,
  ): RetainedLine => ({
    category: g.category,
    label: DELETION_CATEGORIES[g.category],
    count: g.count,
    rule: rule?.key ?? null,
    ruleLabel: rule?.label ?? null,
    lapsesOn,
    reason,
  });

  const structural = facts.groups.filter(
    (g) => g.category === 'profile' || g.category === 'account',
  );
  for (const g of facts.groups) {
    if (g.count <= 0 || structural.includes(g)) continue;
    const rule = g.rule ? (byKey.get(g.rule) ?? null) : null;
    const from = g.from === 'last-supervision' ? lastSupervision : g.from;
    const lapsesOn = rule?.active && from ? addYearsIso(from, rule.years) : null;
    const keptByRule = lapsesOn !== null && lapsesOn > today;
    if (keptByRule && rule) {
      const reason = `${rule.label}: kept ${rule.years} years, until ${lapsesOn}`;
      const l = line(g, rule, lapsesOn, reason);
      if (g.anonymisedWhenKept) {
        anonymised.push(l);
        decide(g, 'anonymise', lapsesOn, rule.key);
        continue;
      }
      retained.push(l);
      decide(g, 'keep', lapsesOn, rule.key);
      for (const n of g.needs ?? []) needing.push({ needs: n, line: l });
    } else if (g.heldByOthers) {
      const l = line(g, null, null, g.heldByOthers);
      retained.push(l);
      decide(g, 'keep');
      for (const n of g.needs ?? []) needing.push({ needs: n, line: l });
    } else {
      addDeleted(g.category, g.count);
      decide(g, 'delete');
    }
  }

  // The profile and account stay as long as the longest-kept row that refers to them.
  for (const g of structural) {
    if (g.count <= 0) continue;
    const deps = needing.filter((n) => n.needs === g.category).map((n) => n.line);
    if (deps.length === 0) {
      addDeleted(g.category, g.count);
      decide(g, 'delete');
      continue;
    }
    const open = deps.find((d) => d.lapsesOn === null);
    const longest =
      open ?? deps.reduce((a, b) => ((b.lapsesOn ?? '') > (a.lapsesOn ?? '') ? b : a));
    const what = g.category === 'profile' ? 'records' : 'records signed or submitted with it';
    retained.push({
      category: g.category,
      label: DELETION_CATEGORIES[g.category],
      count: g.count,
      rule: longest.rule,
      ruleLabel: longest.ruleLabel,
      lapsesOn: longest.lapsesOn,
      reason: `Kept while the kept ${what} refer to it (${longest.label.toLowerCase()})`,
    });
    decide(g, 'keep', longest.lapsesOn, longest.rule);
  }

  const scheduledFor = [
    ...new Set(retained.map((r) => r.lapsesOn).filter((d): d is IsoDate => d !== null)),
  ].sort();
  const deleteLines = [...deleteNow].map(([category, count]) => ({
    category,
    label: DELETION_CATEGORIES[category],
    count,
  }));
  return {
    today,
    lastSupervisionOn: lastSupervision,
    deleteNow: deleteLines,
    retained,
    anonymised,
    scheduledFor,
    verdict: retained.length === 0 ? 'complete' : deleteLines.length === 0 ? 'refused' : 'partial',
    decisions,
  };
}

/** The decision in words, for the requests register and a refusal: each rule and its date. */
export function describePlan(
  plan: Pick<DeletionPlan, 'verdict' | 'retained' | 'deleteNow'>,
): string {
  const kept = plan.retained.map((r) =>
    r.rule && r.lapsesOn
      ? `${r.label} (${r.count}) kept under the rule "${r.ruleLabel}" until ${r.lapsesOn}`
      : `${r.label} (${r.count}) kept: ${r.reason}`,
  );
  const deleted = plan.deleteNow.map((d) => `${d.label} (${d.count})`).join(', ');
  if (plan.verdict === 'complete') return `Deleted everything held: ${deleted}.`;
  if (plan.verdict === 'refused')
    return `Nothing can be deleted yet. ${kept.join('; ')}. The rest is deleted on each date.`;
  return `Deleted now: ${deleted}. ${kept.join('; ')}. Each part is deleted on its date.`;
}

/** What the owner sees before confirming: the plan, without the service's row bookkeeping. */
export interface DeletionPreview extends Omit<DeletionPlan, 'decisions'> {
  person: { personType: PersonType; personId: number; name: string };
  /** If deleted today, the day the last backup holding it expires (YYYY-MM-DD). */
  goneFromBackupsBy: IsoDate;
}

export interface DeletionResult {
  personRef: string;
  verdict: DeletionVerdict;
  deleteNow: PlanLine[];
  retained: RetainedLine[];
  anonymised: RetainedLine[];
  scheduledFor: IsoDate[];
  goneFromBackupsBy: IsoDate;
  requestId: number | null;
  redactedAuditRows: number;
  decisionReason: string;
}

/** Stored in privacy_requests.outcome_json for a deletion request (read by the register). */
export interface DeletionOutcome {
  type: 'deletion';
  deletedNow: PlanLine[];
  retained: {
    rule: RetentionRuleKey | null;
    label: string;
    ruleLabel: string | null;
    count: number;
    lapsesOn: IsoDate | null;
  }[];
  scheduledFor: IsoDate[];
  goneFromBackupsBy: IsoDate;
  personRef: string;
}

export interface ScheduledDeletionView {
  id: number;
  personType: PersonType;
  personId: number;
  /** Null once the profile itself is deleted (only the kept records remain). */
  personName: string | null;
  personRef: string | null;
  dueOn: IsoDate;
  rules: { key: string; label: string }[];
  requestId: number | null;
  createdAt: string;
}

export interface RunDueResult {
  today: IsoDate;
  people: {
    personRef: string;
    verdict: DeletionVerdict;
    deleted: number;
    scheduledFor: IsoDate[];
  }[];
}
