import Papa from 'papaparse';
import { escapeFormula, type ReportFile } from '../../../shared/domain/reports.js';

type Cell = string | number | null | undefined;

/**
 * Every CSV the app hands out: each cell defused against spreadsheet formulas, CRLF lines, and
 * a byte-order mark so spreadsheet programs read the file as UTF-8. `header` null means the
 * first row of `rows` is already the header.
 */
export function csvFile(
  fileName: string,
  header: readonly string[] | null,
  rows: readonly (readonly Cell[])[],
): ReportFile {
  const data = rows.map((r) =>
    r.map((v) => escapeFormula(v === null || v === undefined ? '' : String(v))),
  );
  const text = Papa.unparse(header ? { fields: [...header], data } : data, { newline: '\r\n' });
  return {
    fileName,
    mimeType: 'text/csv',
    base64: Buffer.from('\uFEFF' + text, 'utf8').toString('base64'),
  };
}
