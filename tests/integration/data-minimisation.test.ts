import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnNames, tableNames } from '../../main/db/dialect/index.js';
import { openTempCore, type TempCore } from '../support/temp-core.js';

/** Column names that would hold what Hourkeep promises never to hold. */
const FORBIDDEN =
  /ssn|social_?security|soc_?sec|birth|(^|_)dob($|_)|payment|card|bank|iban|routing|swift|account_?(number|num|no)|tax_?id|(^|_)tin($|_)/i;

const forbiddenColumn = (name: string) => FORBIDDEN.test(name);

describe('data minimisation: no SSN, birth-date or payment columns', () => {
  let core: TempCore;
  beforeAll(async () => {
    core = await openTempCore();
  });
  afterAll(() => core?.dispose());

  it('the pattern catches the columns it is meant to', () => {
    for (const bad of [
      'ssn',
      'worker_ssn',
      'social_security_number',
      'birth_date',
      'date_of_birth',
      'dob',
      'payment_method',
      'card_number',
      'bank_name',
      'iban',
      'account_number',
      'routing_no',
      'tax_id',
    ])
      expect(forbiddenColumn(bad), bad).toBe(true);
    for (const fine of [
      'start_date',
      'license_number',
      'registration_number',
      'doubled',
      'address',
    ])
      expect(forbiddenColumn(fine), fine).toBe(false);
  });

  it('no column of any table in the migrated database looks like one', async () => {
    const tables = await tableNames(core.db);
    expect(tables.length).toBeGreaterThan(20);
    const found: string[] = [];
    let columns = 0;
    for (const name of tables) {
      const info = await columnNames(core.db, name);
      columns += info.length;
      for (const c of info) if (forbiddenColumn(c)) found.push(`${name}.${c}`);
    }
    expect(columns).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
