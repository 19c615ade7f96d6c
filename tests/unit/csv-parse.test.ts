import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { parseHoursCsv } from '../../main/services/csv-hours/parse.js';

const HEADER = 'date,worker_id,site,supervisor_email,category,minutes,note';

/** The same file with one cell quoted, so it takes the quote-aware reader instead. */
const quotedTwin = (csv: string) => csv.replace('Site 1', '"Site 1"');

describe('parseHoursCsv: files without quotes read as files with quotes do', () => {
  const cases: Record<string, string> = {
    plain: `${HEADER}\n2026-11-16,1,Site 1,a@x.example,direct_individual,60,\n`,
    'no final newline': `${HEADER}\n2026-11-16,1,Site 1,a@x.example,direct_individual,60,hi`,
    'CRLF and a byte-order mark': `\uFEFF${HEADER}\r\n2026-11-16,1,Site 1,a@x.example,direct_individual,60,\r\n2026-11-17,2,Site 2,b@x.example,direct_family,30,\r\n`,
    'blank and space-only lines': `${HEADER}\n\n   \n2026-11-16,1,Site 1,a@x.example,direct_individual,60,\n\n2026-11-17,2,Site 2,b@x.example,direct_family,30,\n`,
    'padded cells': `${HEADER}\n2026-11-16, 1 ,Site 1,a@x.example , direct_individual,60,\n`,
  };
  for (const [name, csv] of Object.entries(cases)) {
    it(name, () => {
      const plain = parseHoursCsv(csv);
      const quoted = parseHoursCsv(quotedTwin(csv));
      expect(plain).toEqual(quoted);
      expect(plain.rows.length).toBeGreaterThan(0);
    });
  }

  it('numbers lines from the header (line 1), counting blank lines', () => {
    const { rows } = parseHoursCsv(
      `${HEADER}\n\n2026-11-16,1,Site 1,a@x.example,direct_individual,60,\n\n2026-11-17,2,Site 2,b@x.example,direct_family,30,\n`,
    );
    expect(rows.map((r) => r.line)).toEqual([3, 5]);
    expect(rows[0]?.values).toMatchObject({ worker_id: '1', site: 'Site 1', minutes: '60' });
  });

  it('refuses a file past the row limit either way', () => {
    const body = Array.from({ length: 20_001 }, () => '2026-11-16,1,Site 1,a,b,1,').join('\n');
    expect(() => parseHoursCsv(`${HEADER}\n${body}\n`)).toThrow(/more than 20,000 rows/);
    expect(() => parseHoursCsv(quotedTwin(`${HEADER}\n${body}\n`))).toThrow(
      /more than 20,000 rows/,
    );
  });
});

/** The whole-file refusal: one `csv` field error, as the import shows it. */
function refusal(csv: string): string | undefined {
  try {
    parseHoursCsv(csv);
  } catch (err) {
    if (err instanceof AppError) return err.fields?.csv;
    throw err;
  }
  return undefined;
}

describe('parseHoursCsv: a damaged file is refused whole, naming the line', () => {
  const row = (n: number) => `2026-11-${10 + n},1,Site 1,a@x.example,direct_individual,60,row ${n}`;

  it('refuses a quote that is never closed instead of swallowing the rows after it', () => {
    const csv = `${HEADER}\n${row(1)}\n2026-11-12,1,Site 1,a@x.example,direct_individual,60,"oops\n${row(3)}\n${row(4)}\n`;
    expect(refusal(csv)).toBe(
      'Line 3 opens a quote that is never closed, so the lines after it cannot be read. Close the quote (") or remove it; nothing was imported.',
    );
  });

  it('refuses a quote in the middle of a quoted cell', () => {
    const csv = `${HEADER}\n${row(1)}\n2026-11-12,1,"Site" 1,a@x.example,direct_individual,60,\n`;
    expect(refusal(csv)).toMatch(/^Line 3 /);
  });

  it.each([
    [
      'too few',
      `${HEADER}\n${row(1)}\n2026-11-12,1,Site 1\n`,
      'Line 3 has 3 cells; the header row has 7',
    ],
    [
      'too many',
      `${HEADER}\n${row(1)}\n${row(2)},extra\n`,
      'Line 3 has 8 cells; the header row has 7',
    ],
    [
      'too many, after a quoted cell with a line break',
      `${HEADER}\n2026-11-11,1,Site 1,a@x.example,direct_individual,60,"two\nlines"\n${row(2)},x\n`,
      'Line 4 has 8 cells; the header row has 7',
    ],
  ])('refuses a row with %s cells', (_, csv, start) => {
    expect(refusal(csv)).toBe(
      `${start}. Check for a missing or extra comma (a comma inside a cell needs quotes around the cell); nothing was imported.`,
    );
    expect(refusal(quotedTwin(csv))).toBe(refusal(csv));
  });
});
