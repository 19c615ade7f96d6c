import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../../shared/api/contract.js';
import { DOMAIN_HANDLERS } from '../../main/api/registry.js';

/**
 * One file per namespace, on both sides (issue 17): a call's namespace is its name up to the
 * last dot, dots as dashes ('privacy.requests.file' → privacy-requests), and both its contract
 * entry and its handler live in files of that name. Adding a call touches those two files.
 */
const namespaceOf = (name: string) => name.split('.').slice(0, -1).join('-');
const camel = (ns: string) => ns.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const filesIn = (path: string) =>
  readdirSync(dir(path))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();

const contractFiles = filesIn('../../shared/api/contracts/');
const handlerFiles = filesIn('../../main/api/handlers/');

/** The one export a namespace file has for its part: `<namespace>Contract` / `<namespace>Handlers`. */
async function part(folder: string, ns: string, suffix: string): Promise<Record<string, unknown>> {
  const mod = (await import(`${folder}${ns}.ts`)) as Record<string, Record<string, unknown>>;
  const exported = mod[`${camel(ns)}${suffix}`];
  if (!exported) throw new Error(`${folder}${ns}.ts exports no ${camel(ns)}${suffix}`);
  return exported;
}

describe('API namespaces', () => {
  it('every contract file has a handler file of the same name, and no handler file is extra', () => {
    expect(handlerFiles).toEqual(contractFiles);
  });

  it('every contract file holds exactly the calls of its namespace, each handled in its twin', async () => {
    const misplaced: string[] = [];
    const seen = new Set<string>();
    for (const ns of contractFiles) {
      const entries = Object.keys(await part('../../shared/api/contracts/', ns, 'Contract'));
      const handlers = Object.keys(await part('../../main/api/handlers/', ns, 'Handlers'));
      for (const name of entries) {
        seen.add(name);
        if (namespaceOf(name) !== ns) misplaced.push(`${name} is in contracts/${ns}.ts`);
        if (!handlers.includes(name)) misplaced.push(`${name} has no handler in handlers/${ns}.ts`);
      }
      for (const name of handlers)
        if (!entries.includes(name)) misplaced.push(`handlers/${ns}.ts handles ${name}`);
    }
    expect(misplaced).toEqual([]);
    // The joined contract is exactly the files' calls: no file left out of shared/api/contract.ts.
    expect([...seen].sort()).toEqual([...API_NAMES].sort());
  });

  it('the registry merges one handler map per namespace file', () => {
    expect(DOMAIN_HANDLERS).toHaveLength(handlerFiles.length);
  });
});
