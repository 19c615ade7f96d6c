import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PACK_FILES,
  BUILT_IN_PACKS,
  checkPack,
  findPack,
  parsePack,
  PackValidationError,
  type Pack,
} from '../../shared/domain/packs/index.js';

const pack = (id: string): Pack => {
  const p = findPack(id);
  if (!p) throw new Error(`no pack ${id}`);
  return p;
};

/** A deep copy of a shipped pack, loose enough to break on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const copyOf = (id: string): any => structuredClone(pack(id));

/** Each requirement as `id: minutes or count`, to compare with the figures in the cited sections. */
const figures = (p: Pack) =>
  Object.fromEntries(
    p.requirements.map((r) => [r.id, r.minutes ?? r.count ?? `${r.percentOfSupervision}%`]),
  );

describe('shipped requirement packs', () => {
  it.each(Object.entries(BUILT_IN_PACK_FILES))('%s parses with the schema', (_file, raw) => {
    const result = checkPack(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('ships the five packs, with unique ids', () => {
    const ids = BUILT_IN_PACKS.map((p) => p.id);
    expect(ids).toEqual(['ca-bbs-lmft', 'ca-bbs-lpcc', 'ca-bbs-lcsw', 'tx-bhec-lpc', 'generic']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(BUILT_IN_PACKS.map((p) => [p.id, p] as const))(
    '%s has a version date, sources, unique requirement ids and a note on every figure',
    (_id, p) => {
      expect(p.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of p.sources) expect(s.url).toMatch(/^https?:\/\//);
      const ids = p.requirements.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(p.notes.length).toBeGreaterThanOrEqual(1);
      const cited = [...p.requirements, ...Object.values(p.rules)];
      for (const r of cited) expect(r.note).toBeTruthy();
    },
  );

  // Figures as read in the statute or regulation on 2026-12-04 (each pack names its sections);
  // hours × 60 = minutes.
  it('CA LMFT figures', () => {
    const p = pack('ca-bbs-lmft');
    expect(figures(p)).toEqual({
      total: 180_000, // 3,000 h × 60, BPC §4980.43(c)(1)
      direct: 105_000, // 1,750 h × 60, §4980.43(c)(8)
      'couples-families-children': 30_000, // 500 h × 60, §4980.43(c)(8)
      'nonclinical-max': 75_000, // 1,250 h × 60, §4980.43(c)(10)
      period: 104, // weeks, §4980.43(c)(1)
      'supervision-weeks': 52, // weeks, §4980.43.2(a)(4)
    });
    expect(p.rules.weeklyCap?.maxMinutes).toBe(2_400); // 40 h × 60, §4980.43(c)(2)
    expect(p.rules.weeklyCap?.windowDays).toBe(7);
    expect(p.rules.supervisionWeeks).toMatchObject({
      minutesPerWeek: 60, // 1 h, §4980.43.2(a)(1)
      extraMinutes: 60, // +1 h, §4980.43.2(a)(3)
      extraWhenDirectOverMinutes: 600, // over 10 h × 60
      creditPercent: { supervision_group: 50 }, // 2 h of group = 1 h, §4980.43.2(b)(1)(C)
      qualifyingCategories: ['supervision_individual', 'supervision_triadic'],
      perSetting: true,
    });
    expect(p.rules.ageLimit).toMatchObject({ months: 72, from: 'entryDate' }); // 6 years, §4980.43(c)(7)
    expect(p.rules.agreement?.dueDays).toBe(60); // 16 CCR §1833(c)(1)
    expect(p.categories.couplesFamiliesChildren).toEqual(['direct_family']);
  });

  it('CA LPCC figures', () => {
    const p = pack('ca-bbs-lpcc');
    expect(figures(p)).toEqual({
      total: 180_000, // 3,000 h post-degree × 60, BPC §4999.46(c)(1)
      direct: 105_000, // 1,750 h × 60, §4999.46(c)(3)
      'nonclinical-max': 75_000, // 1,250 h × 60, §4999.46(c)(4)
      period: 104, // §4999.46(c)(1)
      'supervision-weeks': 52, // §4999.46.2(a)(4)
    });
    expect(p.rules.weeklyCap?.maxMinutes).toBe(2_400); // 40 h, §4999.46(c)(2)
    expect(p.rules.supervisionWeeks).toMatchObject({
      perSetting: true,
      creditPercent: { supervision_group: 50 }, // §4999.46.2(b)(1)(C)
    });
    expect(p.rules.ageLimit?.months).toBe(72); // 6 years, §4999.46(e)
    // The LPCC supervision-agreement regulation could not be read, so the pack does not check a
    // deadline (its notes say so) rather than ship an unverified 60 days.
    expect(p.rules.agreement).toBeUndefined();
  });

  it('CA LCSW figures', () => {
    const p = pack('ca-bbs-lcsw');
    expect(figures(p)).toEqual({
      total: 180_000, // 3,000 h × 60, BPC §4996.23(a)
      direct: 120_000, // 2,000 h × 60, §4996.23(d)(2)
      psychotherapy: 45_000, // 750 h × 60, §4996.23(d)(2)
      'nonclinical-max': 60_000, // 1,000 h × 60, §4996.23(d)(3)
      period: 104, // §4996.23(d)(4)
      'supervision-weeks': 52, // §4996.23.1(f)
      'lcsw-supervision-weeks': 13, // §4996.23.1(g)
    });
    expect(p.requirements.find((r) => r.id === 'lcsw-supervision-weeks')).toMatchObject({
      supervisorLicenseTypes: ['LCSW'],
    });
    expect(p.rules.weeklyCap?.maxMinutes).toBe(2_400); // §4996.23(d)(5)
    expect(p.rules.supervisionWeeks?.creditPercent).toEqual({ supervision_group: 50 });
    expect(p.rules.ageLimit?.months).toBe(72); // §4996.23(d)(4)
    expect(p.rules.agreement?.dueDays).toBe(60); // 16 CCR §1869(c)(1)
  });

  it('TX LPC figures', () => {
    const p = pack('tx-bhec-lpc');
    expect(figures(p)).toEqual({
      total: 180_000, // 3,000 clock-hours × 60, 22 TAC §681.92(a)
      direct: 90_000, // 1,500 h × 60, §681.92(b)
      period: 18, // months, §681.92(c)
      'group-supervision-max': '50%', // §681.92(e)
    });
    expect(p.rules.supervisionMonths?.minutesPerMonth).toBe(240); // 4 h × 60, §681.92(e)
    // 60 months, §681.91(g) (the LPC Associate license rule; it was §681.93 before the renumbering)
    expect(p.rules.ageLimit).toMatchObject({ months: 60, from: 'supervisionStart' });
    expect(p.rules.ageLimit?.section).toBe('22 TAC §681.91(g)');
    expect(p.rules.weeklyCap).toBeUndefined();
    expect(p.rules.agreement).toBeUndefined();
  });

  it('generic template figures, and a copy edited by a practice still parses', () => {
    const p = pack('generic');
    expect(figures(p)).toEqual({
      total: 180_000,
      direct: 105_000,
      'nonclinical-max': 75_000,
      period: 104,
      'supervision-weeks': 52,
    });
    expect(p.rules.supervisionWeeks?.perSetting).toBe(false);
    expect(p.rules.supervisionWeeks?.creditPercent).toEqual({ supervision_group: 50 });
    const edited = copyOf('generic');
    edited.id = 'or-lpc-practice';
    edited.name = 'Our Oregon LPC rules';
    edited.requirements[0].minutes = 2_400 * 60; // 2,400 h
    edited.rules.weeklyCap.maxMinutes = 45 * 60;
    const parsed = parsePack(edited);
    expect(parsed.requirements[0]?.minutes).toBe(144_000);
  });
});

/**
 * Issue 19, "figures a practice can trust": every built-in figure was read in the statute or
 * regulation it cites, names its section and the date it was read, and no pack text sends the
 * owner to a document only Hourkeep's developers have.
 */
describe('built-in packs: figures a practice can trust', () => {
  const cited = (p: Pack) => [
    ...p.requirements.map((r) => ({ where: `requirements.${r.id}`, c: r })),
    ...Object.entries(p.rules).map(([name, c]) => ({ where: `rules.${name}`, c })),
  ];

  it.each(BUILT_IN_PACKS.map((p) => [p.id, p] as const))(
    '%s: nothing unverified, nothing only summarized',
    (_id, p) => {
      const bases = cited(p).map(({ where, c }) => `${where}: ${c.basis}`);
      expect(bases.filter((b) => b.endsWith(': unverified'))).toEqual([]);
      expect(bases.filter((b) => !b.endsWith(': source-text'))).toEqual([]);
    },
  );

  it.each(BUILT_IN_PACKS.map((p) => [p.id, p] as const))(
    '%s: every requirement and rule names its section and cites a source with a section and the date read',
    (_id, p) => {
      for (const { where, c } of cited(p)) {
        expect(c.section, `${where}.section`).toMatch(/§\s*\d/);
        const sources = c.sources.map((id) => p.sources.find((s) => s.id === id));
        expect(sources.length, `${where}.sources`).toBeGreaterThanOrEqual(1);
        for (const s of sources) {
          expect(s?.section, `${where}: source ${s?.id} section`).toMatch(/§\s*\d/);
          expect(s?.accessed, `${where}: source ${s?.id} accessed`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(s?.url, `${where}: source ${s?.id} url`).toMatch(/^https:\/\//);
        }
      }
    },
  );

  it.each(Object.entries(BUILT_IN_PACK_FILES))(
    '%s: no text points at DESIGN.md or any other internal file',
    (_file, raw) => {
      const text = JSON.stringify(raw);
      expect(text).not.toMatch(/DESIGN/i);
      // A file name (README.md, schema.ts, …) or "the Hourkeep issue": documents no user has.
      expect(text).not.toMatch(/\b[\w-]+\.(?:md|mdx|ts|tsx|js|txt)\b/i);
      expect(text).not.toMatch(/Hourkeep(?:'s)? issue|\bissue #?\d+/i);
    },
  );
});

describe('pack validation names the field at fault', () => {
  const problems = (raw: unknown): string[] => {
    const r = checkPack(raw);
    return r.ok ? [] : r.problems;
  };

  it('wrong type', () => {
    const p = copyOf('ca-bbs-lmft');
    p.requirements[2].minutes = '30000';
    expect(problems(p)).toEqual([
      'requirements[2].minutes: Invalid input: expected number, received string',
    ]);
  });

  it('misspelt key', () => {
    const p = copyOf('ca-bbs-lmft');
    p.rules.weeklyCap.maxMinuts = 2400;
    expect(problems(p)).toContain('rules.weeklyCap: Unrecognized key: "maxMinuts"');
  });

  it('missing or impossible version date', () => {
    const missing = copyOf('generic');
    delete missing.versionDate;
    expect(problems(missing)).toEqual([
      'versionDate: Invalid input: expected string, received undefined',
    ]);
    const impossible = copyOf('generic');
    impossible.versionDate = '2026-02-30';
    expect(problems(impossible)).toEqual(['versionDate: Must be a real date written YYYY-MM-DD']);
  });

  it('no sources', () => {
    const p = copyOf('generic');
    p.sources = [];
    const found = problems(p);
    expect(found[0]).toBe('sources: Cite at least one source');
    // …and every citation now points nowhere: 5 requirements + 4 rules.
    expect(found.filter((m) => m.includes('Unknown source id'))).toHaveLength(9);
  });

  it('two total requirements', () => {
    const p = copyOf('generic');
    p.requirements[1].measure = 'total';
    expect(problems(p)).toEqual([
      'requirements: Needs exactly one requirement with measure "total" (found 2)',
    ]);
  });

  it('duplicate requirement id and an unknown source id', () => {
    const p = copyOf('ca-bbs-lmft');
    p.requirements[1].id = 'total';
    p.rules.ageLimit.sources = ['bpc-9999'];
    expect(problems(p)).toEqual([
      'requirements[1].id: Duplicate id "total"',
      'rules.ageLimit.sources[0]: Unknown source id "bpc-9999"',
    ]);
  });

  it('requirement shape: measure and categories together, minutes on a week count', () => {
    const p = copyOf('ca-bbs-lmft');
    p.requirements[1].categories = ['direct_individual'];
    p.requirements[4].minutes = 100;
    expect(problems(p)).toEqual([
      'requirements[1].measure: Give exactly one of "measure" or "categories"',
      'requirements[4].minutes: Not allowed with measure "weeks"',
    ]);
  });

  it('category mapping: couples/families/children must be direct; caps may not overlap', () => {
    const p = copyOf('ca-bbs-lmft');
    p.categories.couplesFamiliesChildren = ['nonclinical'];
    p.requirements.push({
      id: 'supervision-cap',
      label: 'Supervision cap',
      kind: 'max',
      measure: 'supervision',
      minutes: 6000,
      sources: ['bpc-4980.43'],
      basis: 'unverified',
    });
    expect(problems(p)).toEqual([
      'categories.couplesFamiliesChildren: nonclinical must be direct',
      'requirements[6]: Category supervision_individual is already capped by requirement "nonclinical-max"',
      'requirements[6]: Category supervision_triadic is already capped by requirement "nonclinical-max"',
      'requirements[6]: Category supervision_group is already capped by requirement "nonclinical-max"',
    ]);
  });

  it('creditPercent only for weekly categories, and between 1 and 100', () => {
    const p = copyOf('generic');
    p.rules.supervisionWeeks.creditPercent = { supervision_group: 50 };
    p.rules.supervisionWeeks.weeklyCategories = ['supervision_individual', 'supervision_triadic'];
    expect(problems(p)).toEqual([
      'rules.supervisionWeeks.creditPercent: supervision_group must be one of rules.supervisionWeeks.weeklyCategories',
    ]);
    const zero = copyOf('generic');
    zero.rules.supervisionWeeks.creditPercent = { supervision_group: 0 };
    expect(problems(zero)[0]).toMatch(
      /^rules\.supervisionWeeks\.creditPercent\.supervision_group: Too small/,
    );
  });

  it('an unknown hour category', () => {
    const p = copyOf('tx-bhec-lpc');
    p.categories.direct = ['direct_individual', 'direct_couples'];
    expect(problems(p)[0]).toMatch(/^categories\.direct\[1\]: Invalid option/);
  });

  it('parsePack throws a PackValidationError whose message names the pack and the field', () => {
    const p = copyOf('ca-bbs-lcsw');
    p.requirements[3].minutes = -5;
    expect(() => parsePack(p)).toThrow(PackValidationError);
    expect(() => parsePack(p)).toThrow(
      /Requirement pack "ca-bbs-lcsw" is invalid:\n {2}- requirements\[3\]\.minutes: Too small/,
    );
    expect(() => parsePack('not a pack', 'broken.json')).toThrow(/"broken\.json" is invalid/);
  });
});
