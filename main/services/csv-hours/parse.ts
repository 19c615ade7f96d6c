import Papa from 'papaparse';
import { validationError } from '../../../shared/errors.js';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../../shared/domain/reports.js';

export interface CsvRow {
  /** Where the row starts in the file; the header is line 1. */
  line: number;
  /** Cell text by (lower-cased) column name, trimmed; absent columns read as ''. */
  values: Record<string, string>;
}

/** Any of each group must be present as a column; the first is the one named in messages. */
const REQUIRED_COLUMNS: readonly (readonly string[])[] = [
  ['date'],
  ['worker_id', 'worker_email'],
  ['site'],
  ['supervisor', 'supervisor_email'],
  ['category'],
  ['minutes', 'hours'],
];

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads an hours CSV: header row first, comma-separated, quotes as spreadsheets write them.
 * Whole-file problems (too big, no rows, a missing column) are one `csv` field error; row
 * problems are left to the row checks.
 */
export function parseHoursCsv(text: string): { columns: string[]; rows: CsvRow[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > CSV_MAX_BYTES) {
    throw validationError({
      csv: `The file is ${megabytes(bytes)}; the limit is ${megabytes(CSV_MAX_BYTES)}. Split it into smaller files.`,
    });
  }
  const csv = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { records, tooMany, quoteProblem } = csv.includes('"') ? readQuoted(csv) : readPlain(csv);
  // A broken quote makes every later line part of one cell: refuse the file rather than import
  // the lines before it and lose the rest into a note.
  if (quoteProblem) throw validationError({ csv: quoteMessage(quoteProblem) });
  if (tooMany) {
    throw validationError({
      csv: `The file has more than ${CSV_MAX_ROWS.toLocaleString('en-US')} rows. Split it into smaller files.`,
    });
  }
  const [header, ...body] = records;
  if (!header) throw validationError({ csv: 'The file is empty.' });
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  for (const group of REQUIRED_COLUMNS) {
    if (!group.some((c) => columns.includes(c))) {
      const which = group.map((c) => `"${c}"`).join(' or ');
      throw validationError({
        csv: `The file has no ${which} column. The first row must name the columns (date, worker_id, site, supervisor, category, minutes, note).`,
      });
    }
  }
  if (body.length === 0) throw validationError({ csv: 'The file has a header row but no hours.' });
  // A row with more or fewer cells than the header has lost or gained a comma: its cells no
  // longer sit under the right columns, so guessing which is which would import wrong values.
  const uneven = body.find((r) => r.cells.length !== header.cells.length);
  if (uneven) {
    throw validationError({
      csv:
        `Line ${uneven.line} has ${uneven.cells.length} cells; the header row has ${header.cells.length}. ` +
        'Check for a missing or extra comma (a comma inside a cell needs quotes around the cell); nothing was imported.',
    });
  }
  const rows = body.map(({ line: at, cells }) => ({
    line: at,
    values: Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? '').trim()])),
  }));
  return { columns, rows };
}

interface QuoteProblem {
  line: number;
  /** papaparse's code: MissingQuotes (never closed) or InvalidQuotes (text after a closing quote). */
  code: string;
}

interface Records {
  records: { line: number; cells: string[] }[];
  tooMany: boolean;
  quoteProblem?: QuoteProblem;
}

function quoteMessage({ line, code }: QuoteProblem): string {
  return code === 'MissingQuotes'
    ? `Line ${line} opens a quote that is never closed, so the lines after it cannot be read. Close the quote (") or remove it; nothing was imported.`
    : `Line ${line} has a quote in the middle of a cell. A quoted cell must end at a comma or at the end of the line, and a quote inside it is written twice (""); nothing was imported.`;
}

/** One record past the limit is enough to refuse the file without reading all of it. */
const LAST_RECORD = CSV_MAX_ROWS + 1;

/** A file with quotes: a quoted cell may hold commas and line breaks. */
function readQuoted(csv: string): Records {
  const records: { line: number; cells: string[] }[] = [];
  let cursor = 0;
  let line = 1;
  let tooMany = false;
  let quoteProblem: QuoteProblem | undefined;
  Papa.parse<string[]>(csv, {
    delimiter: ',',
    newline: '\n',
    step: (result, parser) => {
      const end = result.meta.cursor;
      const cells = result.data;
      const quotes = result.errors.filter((e) => e.type === 'Quotes');
      if (quotes.length) {
        const missing = quotes.find((e) => e.code === 'MissingQuotes');
        quoteProblem = { line, code: (missing ?? quotes[0])?.code ?? 'MissingQuotes' };
        parser.abort();
        return;
      }
      if (!(cells.length === 1 && cells[0]?.trim() === '')) records.push({ line, cells });
      // The cursor stands at the start of the next record; count the newlines in between.
      line += (csv.slice(cursor, end).match(/\n/g) ?? []).length;
      cursor = end;
      if (records.length > LAST_RECORD) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  return { records, tooMany, ...(quoteProblem ? { quoteProblem } : {}) };
}

/**
 * A file without a single quote: every line is one record and every comma a cell break, which
 * is what the quoted reader makes of it too, several times faster.
 */
function readPlain(csv: string): Records {
  const records: { line: number; cells: string[] }[] = [];
  const lines = csv.split('\n');
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    records.push({ line: i + 1, cells: text.split(',') });
    if (records.length > LAST_RECORD) return { records, tooMany: true };
  }
  return { records, tooMany: false };
}

/** parseHoursCsv as a job (main/workers/csv-parse.ts): one step, reported when done. */
export function parseHoursFile(
  text: string,
  progress: (done: number, total: number) => void,
): Promise<{ columns: string[]; rows: CsvRow[] }> {
  progress(0, 1);
  const parsed = parseHoursCsv(text);
  progress(1, 1);
  return Promise.resolve(parsed);
}
