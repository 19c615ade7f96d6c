import { describe, expect, it } from 'vitest';
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
    'short and long rows, padded cells': `${HEADER}\n2026-11-16, 1 ,Site 1\n2026-11-17,2,Site 2,b@x.example,direct_family,30,n,extra\n`,
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
