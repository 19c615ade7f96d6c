import { describe, expect, it } from 'vitest';
import { csvFile } from '../../main/services/reports/csv-file.js';

const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('csvFile, the one writer of every CSV download', () => {
  it('writes a byte-order mark, the header and CRLF lines', () => {
    const file = csvFile(
      'a.csv',
      ['Name', 'Hours'],
      [
        ['Sam', 1.5],
        ['Priya', null],
      ],
    );
    expect(file).toMatchObject({ fileName: 'a.csv', mimeType: 'text/csv' });
    expect(text(file.base64)).toBe('\uFEFFName,Hours\r\nSam,1.5\r\nPriya,');
  });

  it('defuses cells a spreadsheet would run as formulas, whoever typed them', () => {
    const file = csvFile('r.csv', null, [
      ['Reason', 'Identity'],
      ['=HYPERLINK("http://x")', '@SUM(A1)'],
    ]);
    expect(text(file.base64)).toBe(
      '\uFEFFReason,Identity\r\n"\'=HYPERLINK(""http://x"")",\'@SUM(A1)',
    );
  });
});
