import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown, type Results, type Row } from './report.js';

/**
 * `--update-latest` with a partial mode at full size: the rows it measured replace the rows of
 * the same name in bench/results/latest.* (a row it did not have is added), each marked with
 * the day and the mode that measured it, so a change to one part need not wait for the whole
 * run (two hours at 1M entries). Each row's ratio is interleaved within its own measurement,
 * so rows from two runs stay honest side by side; the practice is the same (it is seeded).
 */
export function updateLatest(
  rows: readonly Row[],
  mode: string,
  /** The details behind those rows (latest.md's Details lines), where the mode has them. */
  details: Partial<Results['details']> = {},
): string[] {
  const folder = join('bench', 'results');
  const results = JSON.parse(readFileSync(join(folder, 'latest.json'), 'utf8')) as Results;
  const day = new Date().toISOString().slice(0, 10);
  const replaced: string[] = [];
  for (const row of rows) {
    const at = results.rows.findIndex((r) => keyOf(r.name) === keyOf(row.name));
    // A row the whole run did not have yet (a new figure) is added at the end.
    if (at < 0) results.rows.push({ ...row, remeasured: { day, mode } });
    else results.rows[at] = { ...row, remeasured: { day, mode } };
    replaced.push(row.name);
  }
  results.details = { ...results.details, ...details };
  writeFileSync(join(folder, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(folder, 'latest.md'), renderMarkdown(results));
  return replaced;
}

/**
 * A row's name without the figures some names carry ("(the call took … ms; …)", "(its search
 * took …)") and without " (interleaved)", which rows measured in blocks before did not say.
 */
const keyOf = (name: string) =>
  name.replace(/ \((?:the call|its search) took [^)]*\)/, '').replace(/ \(interleaved\)/g, '');
