import { describe, expect, it } from 'vitest';
import {
  addYearsIso,
  describePlan,
  lastSupervisionOn,
  planDeletion,
  type FactGroup,
  type PersonFacts,
} from '../../shared/domain/privacy/deletion-plan.js';
import { DEFAULT_RETENTION_RULES } from '../../shared/domain/privacy/retention-rules.js';

const TODAY = '2026-11-20';
const RULES = DEFAULT_RETENTION_RULES;
const withRule = (key: string, change: object) =>
  RULES.map((r) => (r.key === key ? { ...r, ...change } : r));

const profile: FactGroup = { id: 'profile', category: 'profile', count: 1, rule: null, from: null };
const account: FactGroup = { id: 'account', category: 'account', count: 1, rule: null, from: null };
const approved = (count = 3): FactGroup => ({
  id: 'approved',
  category: 'approved_weeks',
  count,
  rule: 'approved-hours',
  from: 'last-supervision',
  needs: ['profile'],
});

function worker(groups: FactGroup[], end: string | null = '2024-02-29'): PersonFacts {
  return {
    personType: 'worker',
    supervision: {
      assignments: [{ start: '2020-03-02', end }],
      sessionDates: ['2023-05-10'],
      approvedDates: ['2024-02-26'],
    },
    groups,
  };
}

describe('addYearsIso', () => {
  it('adds whole years, a 29 February start landing on 1 March in a common year', () => {
    expect(addYearsIso('2024-02-29', 7)).toBe('2031-03-01');
    expect(addYearsIso('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYearsIso('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYearsIso('2023-03-01', 7)).toBe('2030-03-01');
    expect(addYearsIso('2019-12-31', 6)).toBe('2025-12-31');
  });
});

describe('lastSupervisionOn', () => {
  it('is the latest assignment end, session or approved hour, never after today', () => {
    expect(lastSupervisionOn(worker([]).supervision, TODAY)).toBe('2024-02-29');
    // An open assignment supervises until today; one that ends later counts as today.
    expect(lastSupervisionOn(worker([], null).supervision, TODAY)).toBe(TODAY);
    expect(lastSupervisionOn(worker([], '2027-06-30').supervision, TODAY)).toBe(TODAY);
  });

  it('is null for someone never supervised (an assignment not begun does not count)', () => {
    expect(
      lastSupervisionOn(
        { assignments: [{ start: '2027-01-04', end: null }], sessionDates: [], approvedDates: [] },
        TODAY,
      ),
    ).toBeNull();
  });
});

describe('planDeletion', () => {
  it('keeps approved weeks 7 years after the last supervision (leap day → 1 March) with the profile', () => {
    const plan = planDeletion(
      worker([
        profile,
        account,
        approved(),
        { id: 'hours', category: 'hours', count: 4, rule: null, from: null },
        { id: 'consents', category: 'consents', count: 2, rule: null, from: null },
      ]),
      RULES,
      TODAY,
    );
    expect(plan.lastSupervisionOn).toBe('2024-02-29');
    expect(plan.verdict).toBe('partial');
    expect(plan.deleteNow).toEqual([
      { category: 'hours', label: 'Hour entries (not signed)', count: 4 },
      { category: 'consents', label: 'Consents', count: 2 },
      // The account is not needed by the kept weeks, so it goes now.
      { category: 'account', label: 'User account', count: 1 },
    ]);
    expect(plan.retained.map((r) => [r.category, r.rule, r.lapsesOn])).toEqual([
      ['approved_weeks', 'approved-hours', '2031-03-01'],
      ['profile', 'approved-hours', '2031-03-01'],
    ]);
    expect(plan.scheduledFor).toEqual(['2031-03-01']);
    expect(describePlan(plan)).toContain(
      'Approved weeks: hours, logs and signatures (3) kept under the rule "Approved hours and sign-offs" until 2031-03-01',
    );
  });

  it('keeps each CE record 4 years from its own date; lapsed ones go now', () => {
    const plan = planDeletion(
      worker([
        profile,
        { id: 'ce:old', category: 'ce_records', count: 2, rule: 'ce-records', from: '2022-11-20' },
        { id: 'ce:leap', category: 'ce_records', count: 1, rule: 'ce-records', from: '2024-02-29' },
      ]),
      RULES,
      TODAY,
    );
    // 2022-11-20 + 4 years = 2026-11-20, today: lapsed on the day itself.
    expect(plan.deleteNow).toEqual([
      { category: 'ce_records', label: 'CE records', count: 2 },
      { category: 'profile', label: 'Profile', count: 1 },
    ]);
    expect(plan.retained).toEqual([
      expect.objectContaining({ category: 'ce_records', count: 1, lapsesOn: '2028-02-29' }),
    ]);
    expect(plan.decisions.find((d) => d.id === 'ce:leap')?.disposition).toBe('keep');
  });

  it('an inactive rule keeps nothing', () => {
    const plan = planDeletion(
      worker([profile, account, approved()]),
      withRule('approved-hours', { active: false }),
      TODAY,
    );
    expect(plan.verdict).toBe('complete');
    expect(plan.retained).toEqual([]);
    expect(plan.deleteNow.map((l) => l.category)).toEqual(['approved_weeks', 'profile', 'account']);
  });

  it('with no supervision ever, rules counted from it keep nothing', () => {
    const plan = planDeletion(
      {
        personType: 'worker',
        supervision: { assignments: [], sessionDates: [], approvedDates: [] },
        groups: [
          profile,
          {
            id: 'assignments',
            category: 'assignments',
            count: 1,
            rule: 'supervision-records',
            from: 'last-supervision',
            needs: ['profile'],
          },
        ],
      },
      RULES,
      TODAY,
    );
    expect(plan.lastSupervisionOn).toBeNull();
    expect(plan.verdict).toBe('complete');
  });

  it('refuses when everything is kept, naming each rule and date', () => {
    const plan = planDeletion(
      worker([profile, approved(2)], null),
      withRule('approved-hours', { years: 5 }),
      TODAY,
    );
    expect(plan.verdict).toBe('refused');
    expect(plan.deleteNow).toEqual([]);
    // Open assignment: last supervision is today; 2026-11-20 + 5 years.
    expect(plan.retained.map((r) => r.lapsesOn)).toEqual(['2031-11-20', '2031-11-20']);
    expect(describePlan(plan)).toMatch(/^Nothing can be deleted yet\./);
  });

  it("another person's records are kept without a date once the rule lapsed, and keep the profile", () => {
    const plan = planDeletion(
      {
        personType: 'supervisor',
        supervision: { assignments: [], sessionDates: [], approvedDates: [] },
        groups: [
          profile,
          {
            id: 'others-hours:7',
            category: 'others_hours',
            count: 5,
            rule: 'approved-hours',
            from: '2015-01-01',
            heldByOthers: "Another person's hours name them",
            needs: ['profile'],
          },
        ],
      },
      RULES,
      TODAY,
    );
    expect(plan.verdict).toBe('refused');
    expect(plan.retained.map((r) => [r.category, r.lapsesOn])).toEqual([
      ['others_hours', null],
      ['profile', null],
    ]);
    expect(plan.scheduledFor).toEqual([]);
  });

  it('register rows are kept anonymised and do not make a deletion partial', () => {
    const plan = planDeletion(
      worker([
        profile,
        {
          id: 'requests:2026-11-02',
          category: 'requests',
          count: 1,
          rule: 'requests-register',
          from: '2026-11-02',
          anonymisedWhenKept: true,
        },
      ]),
      RULES,
      TODAY,
    );
    expect(plan.verdict).toBe('complete');
    expect(plan.anonymised).toEqual([
      expect.objectContaining({ category: 'requests', lapsesOn: '2032-11-02' }),
    ]);
    expect(plan.decisions.find((d) => d.id === 'requests:2026-11-02')?.disposition).toBe(
      'anonymise',
    );
  });
});
