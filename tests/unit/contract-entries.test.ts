import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_NAMES, contract, type ContractEntry } from '../../shared/api/contract.js';
import { TABLES } from '../../shared/api/tables.js';

/** The top-level field names of a call's input (through refinements and defaults). */
function topFields(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') return Object.keys(def.shape as object);
  const inner = (def.innerType ?? def.in) as z.ZodType | undefined;
  return inner ? topFields(inner) : [];
}

describe('contract entries', () => {
  it("every subject names fields of its call's input", () => {
    const wrong: string[] = [];
    for (const name of API_NAMES) {
      const entry: ContractEntry = contract[name];
      const fields = topFields(entry.input);
      for (const s of entry.subjects ?? []) {
        const needs = s.kind === 'person' ? ['personType', 'personId'] : [s.field];
        for (const f of needs) if (!fields.includes(f)) wrong.push(`${name} ${s.kind} ${f}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('public calls name no subjects (dispatch checks scope only for signed-in calls)', () => {
    const entries = API_NAMES.map((n) => [n, contract[n] as ContractEntry] as const);
    expect(entries.filter(([, e]) => e.public && e.subjects?.length).map(([n]) => n)).toEqual([]);
  });

  it('every call declares the tables it reads or changes, by names in shared/api/tables.ts', () => {
    const wrong: string[] = [];
    for (const name of API_NAMES) {
      const entry: ContractEntry = contract[name];
      if (!entry.reads && !entry.changes) wrong.push(`${name} declares neither`);
      for (const t of [...(entry.reads ?? []), ...(entry.changes ?? [])])
        if (!(TABLES as readonly string[]).includes(t)) wrong.push(`${name} names ${t}`);
    }
    expect(wrong).toEqual([]);
  });

  // Almost every call appends to the audit trail: a read listing it would be refreshed by every
  // write, and a read that audits itself would refresh itself.
  it('only the audit screen reads audit_log', () => {
    const readers = API_NAMES.filter((n) =>
      (contract[n] as ContractEntry).reads?.includes('audit_log'),
    );
    expect(readers).toEqual(['audit.list']);
  });
});
