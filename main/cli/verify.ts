import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describeVerification, verifySignedFile } from '../platform/signed-file.js';

/**
 * `npm run verify -- FILE…`: checks the signed weeks of weekly-log or experience-summary PDFs
 * and person-record JSON exports, offline. Exit code 0 when every sign-off checks out, 1 when
 * any does not, 2 when a file cannot be read or has nothing to check.
 */
export function main(args: readonly string[]): number {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('Usage: npm run verify -- FILE [FILE…]   (a Hourkeep PDF or JSON export)');
    return 2;
  }
  let code = 0;
  for (const path of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      console.log(`ERROR  ${path}: ${(e as Error).message}`);
      code = Math.max(code, 2);
      continue;
    }
    const result = verifySignedFile(bytes, { fileName: basename(path) });
    for (const line of describeVerification(result)) console.log(line);
    const nothing = result.problems.length > 0 && !result.weeks.length;
    if (!result.ok) code = Math.max(code, nothing ? 2 : 1);
  }
  return code;
}
