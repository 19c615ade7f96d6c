import { describe, expect, it } from 'vitest';
import {
  WEEK_STATUSES,
  WEEK_TRANSITIONS,
  canonicalEntries,
  diffSignedEntries,
  isWeekEditable,
  nextWeekStatus,
  roleMayDo,
  weekStatusProblem,
  type WeekAction,
  type WeekStatus,
} from '../../shared/domain/weekly-logs.js';

const ACTIONS: WeekAction[] = ['submit', 'return', 'approve', 'startAmendment'];

describe('weekly log transitions', () => {
  // Written out by hand: which action each status allows.
  const ALLOWED: Record<WeekStatus, WeekAction[]> = {
    draft: ['submit'],
    submitted: ['return', 'approve'],
    returned: ['submit'],
    approved: ['startAmendment'],
    amending: ['submit'],
  };

  it.each(WEEK_STATUSES)('from %s only the listed actions pass', (status) => {
    for (const action of ACTIONS) {
      const problem = weekStatusProblem(action, status);
      if (ALLOWED[status].includes(action)) expect(problem, action).toBeNull();
      else expect(problem, action).toMatch(new RegExp(`^This week is ${status}; it cannot be`));
    }
  });

  it('says which roles act: only supervisors sign, the owner acts for workers', () => {
    const table = Object.fromEntries(
      ACTIONS.map((a) => [
        a,
        (['owner', 'supervisor', 'worker'] as const).filter((r) => roleMayDo(a, r)),
      ]),
    );
    expect(table).toEqual({
      submit: ['owner', 'worker'],
      return: ['owner', 'supervisor'],
      approve: ['supervisor'],
      startAmendment: ['owner', 'worker'],
    });
    expect(Object.keys(WEEK_TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it('leads to the next status; a returned amendment stays an amendment', () => {
    expect(nextWeekStatus('submit', false)).toBe('submitted');
    expect(nextWeekStatus('submit', true)).toBe('submitted');
    expect(nextWeekStatus('return', false)).toBe('returned');
    expect(nextWeekStatus('return', true)).toBe('amending');
    expect(nextWeekStatus('approve', true)).toBe('approved');
    expect(nextWeekStatus('startAmendment', true)).toBe('amending');
  });

  it('freezes submitted and approved weeks only', () => {
    expect(WEEK_STATUSES.filter(isWeekEditable)).toEqual(['draft', 'returned', 'amending']);
  });
});

describe('canonical entries', () => {
  const a = {
    id: 7,
    date: '2026-11-17',
    category: 'direct_individual' as const,
    minutes: 60,
    siteId: 1,
    supervisorId: 2,
    note: 'Intake',
  };
  const b = { ...a, id: 3, date: '2026-11-18', minutes: 30, note: null };
  const c = { ...a, id: 9, minutes: 15 };

  it('orders by date then id and writes keys alphabetically, whatever the input order', () => {
    const text = canonicalEntries([b, c, a]);
    expect(text).toBe(
      '[{"category":"direct_individual","date":"2026-11-17","minutes":60,"note":"Intake","siteId":1,"supervisorId":2},' +
        '{"category":"direct_individual","date":"2026-11-17","minutes":15,"note":"Intake","siteId":1,"supervisorId":2},' +
        '{"category":"direct_individual","date":"2026-11-18","minutes":30,"note":null,"siteId":1,"supervisorId":2}]',
    );
    expect(canonicalEntries([a, b, c])).toBe(text);
  });

  it('changes with any signed field and ignores fields a signature does not cover', () => {
    const base = canonicalEntries([a]);
    expect(canonicalEntries([{ ...a, minutes: 61 }])).not.toBe(base);
    expect(canonicalEntries([{ ...a, note: null }])).not.toBe(base);
    expect(canonicalEntries([{ ...a, siteId: 5 }])).not.toBe(base);
    expect(canonicalEntries([{ ...a, sessionId: 4 } as typeof a])).toBe(base);
    expect(canonicalEntries([])).toBe('[]');
  });
});

describe('diffSignedEntries', () => {
  const e = (date: string, minutes: number, note: string | null = null) => ({
    date,
    category: 'direct_individual' as const,
    minutes,
    siteId: 1,
    supervisorId: 2,
    note,
  });

  it('lists what the amendment removes and adds; unchanged entries cancel out', () => {
    const signed = [e('2026-11-16', 120), e('2026-11-18', 90), e('2026-11-19', 60)];
    const current = [e('2026-11-16', 120), e('2026-11-18', 60), e('2026-11-20', 30)];
    expect(diffSignedEntries(signed, current)).toEqual({
      removed: [e('2026-11-18', 90), e('2026-11-19', 60)],
      added: [e('2026-11-18', 60), e('2026-11-20', 30)],
    });
  });

  it('counts duplicates one for one, and sees a changed note', () => {
    const twice = [e('2026-11-16', 30), e('2026-11-16', 30)];
    expect(diffSignedEntries(twice, [e('2026-11-16', 30)])).toEqual({
      removed: [e('2026-11-16', 30)],
      added: [],
    });
    expect(diffSignedEntries([e('2026-11-16', 30)], [e('2026-11-16', 30, 'Intake')])).toEqual({
      removed: [e('2026-11-16', 30)],
      added: [e('2026-11-16', 30, 'Intake')],
    });
    expect(diffSignedEntries(twice, twice)).toEqual({ removed: [], added: [] });
  });
});
