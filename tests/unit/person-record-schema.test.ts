import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PERSON_RECORD_SCHEMA_ID,
  personRecordJsonSchema,
} from '../../shared/domain/privacy/person-record.js';

const FILE = 'docs/person-record.schema.json';
const generated = () => `${JSON.stringify(personRecordJsonSchema(), null, 2)}\n`;

describe('the documented person-record schema', () => {
  it('is committed as the zod schema generates it', () => {
    // HOURKEEP_WRITE_SCHEMA=1 regenerates the file after a deliberate change to the schema.
    if (process.env.HOURKEEP_WRITE_SCHEMA) writeFileSync(FILE, generated());
    // Compared as data, so reformatting the file (prettier) is not a difference.
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(personRecordJsonSchema());
  });

  it('documents every property and names its version', () => {
    const schema = personRecordJsonSchema() as Record<string, unknown>;
    expect(JSON.stringify(schema)).toContain(PERSON_RECORD_SCHEMA_ID);
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, child] of Object.entries(props ?? {})) {
        if (typeof child.description !== 'string') undocumented.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const k of ['items', 'anyOf', 'oneOf', 'additionalProperties'])
        if (n[k]) [n[k]].flat().forEach((c, i) => walk(c, `${path}[${k}${i}]`));
    };
    walk(schema, '$');
    expect(undocumented).toEqual([]);
  });
});
