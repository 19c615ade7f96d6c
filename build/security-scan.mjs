// `npm run security`: Electronegativity over the Electron sources (main/ and preload/), gated
// on what it finds, because its CLI exits 0 even with HIGH findings.
//
// Why the programmatic API rather than the CLI: the SARIF it writes carries no severity (its
// `level` is only "note" for findings that need manual review and "warning" otherwise), and the
// CLI in file-output mode hides files it failed to parse. run() returns every finding with
// its severity and every parse error; the SARIF report is still written for CI to upload.
//
//   node build/security-scan.mjs [--sarif <file>]   keep the SARIF report at <file>
//
// Fails (exit 1) on any HIGH or MEDIUM finding, any source file the scanner could not parse,
// and any `eng-disable` comment without a reason. LOW and INFORMATIONAL findings are printed.
//
// Know its blind spots: webPreferences must be written inline in `new BrowserWindow({…})`,
// and it treats `sandbox: true` as making `nodeIntegration` moot (so `nodeIntegration: true`
// next to `sandbox: true` passes here). tests/unit/electron-window.test.ts asserts the exact
// webPreferences of every window, which is the gate for those.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const SCANNED = ['main', 'preload'];
const SOURCE = /\.(?:[cm]?[jt]sx?|html?)$/;
const FAILING = new Set(['HIGH', 'MEDIUM']);

const sarifArg = process.argv.indexOf('--sarif');
const keepSarif =
  sarifArg > 0 ? resolve(process.argv[sarifArg + 1] ?? 'electronegativity.sarif') : null;

function listSources(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

// ── 1. Inline suppressions must say why ─────────────────────────────────────────────────────
// Electronegativity reads `eng-disable` followed by check names (letters, digits, _ and
// spaces), so a reason after a dash or colon is invisible to it. We require one:
//   // eng-disable SOME_JS_CHECK — why this finding is a false positive here
const CHECK_ID = /^(?:[A-Z][A-Z0-9_]*_CHECK|[a-z][A-Za-z0-9]*Check)$/;
const DIRECTIVE = /eng-disable\b(.*)$/;
const REASON = /^((?:[ \t]*,?[ \t]*[A-Za-z_][A-Za-z0-9_]*)*)[ \t]*(?:—|–|--|:)[ \t]*(.*)$/;

const sources = SCANNED.flatMap(listSources);
const suppressions = [];
const badSuppressions = [];
for (const file of sources) {
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const directive = DIRECTIVE.exec(text);
      if (!directive) return;
      const where = `${file}:${i + 1}`;
      const body = (directive[1] ?? '').replace(/\*\/.*$|-->.*$/, '');
      const parts = REASON.exec(body);
      const ids = (parts?.[1] ?? body).split(/[\s,]+/).filter(Boolean);
      const reason = (parts?.[2] ?? '').trim();
      if (ids.length === 0 || !ids.every((id) => CHECK_ID.test(id))) {
        badSuppressions.push(`${where} eng-disable names no check id (or a word that is not one)`);
      } else if (!parts || reason.split(/\s+/).filter((w) => /\w/.test(w)).length < 3) {
        badSuppressions.push(`${where} eng-disable ${ids.join(' ')} — missing reason`);
      } else {
        for (const id of ids) suppressions.push({ where, id, reason });
      }
    });
}

// ── 2. Electronegativity ────────────────────────────────────────────────────────────────────
// Stage the two folders (and package.json, from which it reads the Electron version its
// checks depend on) in one temp folder: global checks such as "no navigation limits" must see
// main and preload together, and nothing else (node_modules, dist) should be scanned.
const stage = mkdtempSync(join(tmpdir(), 'hourkeep-security-'));
const sarifFile = join(stage, 'electronegativity.sarif');
const input = join(stage, 'app');
for (const dir of SCANNED) cpSync(join(root, dir), join(input, dir), { recursive: true });
cpSync(join(root, 'package.json'), join(input, 'package.json'));

// CSP_GLOBAL_CHECK only recognises a CSP written as a literal in HTML or in an
// onHeadersReceived callback. Hourkeep sends it as a header on every app:// response, built
// by contentSecurityPolicy() in main/electron/csp.ts, so the scanner would always report "no
// CSP". It is replaced below by evaluating the real policy with the same evaluator library.
const EXCLUDED = { CSPGlobalCheck: 'replaced by evaluating main/electron/csp.ts directly' };

const electronegativity = require('@doyensec/electronegativity');
let result;
try {
  result = await electronegativity({
    input,
    output: sarifFile,
    isSarif: true,
    isRelative: true,
    customScan: [],
    excludeFromScan: Object.keys(EXCLUDED),
  });
} catch (err) {
  console.error('security: Electronegativity did not run:', err);
  rmSync(stage, { recursive: true, force: true });
  process.exit(1);
}

// run() starts writing the SARIF file with an un-awaited fs.writeFile; wait until it is whole.
async function readSarif(file, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
const sarif = await readSarif(sarifFile);
if (keepSarif) writeFileSync(keepSarif, JSON.stringify(sarif, null, 2));
rmSync(stage, { recursive: true, force: true });

// The SARIF and the returned list are the same findings; a mismatch means the tool changed.
const sarifCount = sarif.runs?.[0]?.results?.length ?? -1;
if (sarifCount !== result.issues.length) {
  console.error(
    `security: SARIF has ${sarifCount} results but the scan returned ${result.issues.length}`,
  );
  process.exit(1);
}

const findings = result.issues.map((issue) => ({
  where: issue.file === 'N/A' ? '(whole app):0' : `${issue.file}:${issue.location?.line ?? 0}`,
  id: issue.id,
  severity: issue.severity.name,
  description: String(issue.description).replace(/\s+/g, ' ').trim(),
}));

// Files it could not parse were silently skipped: a hole in the scan, so they fail it.
const parseErrors = result.errors
  .filter((e) => !e.tolerable)
  .map((e) => `${relative(input, e.file)} could not be parsed: ${e.message}`);

// ── 3. The CSP, evaluated as sent ───────────────────────────────────────────────────────────
const cspEvaluator = require('@doyensec/csp-evaluator');
const cspModule = await build({
  entryPoints: [join(root, 'main/electron/csp.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'silent',
});
const { contentSecurityPolicy } = await import(
  `data:text/javascript;base64,${Buffer.from(cspModule.outputFiles[0].text).toString('base64')}`
);
const { HIGH, SYNTAX, MEDIUM } = cspEvaluator.severities;
// The policy the Electron app sends (connect-src 'none': the renderer talks to main over IPC).
const policy = contentSecurityPolicy({ connectSelf: false });
const cspFindings = new cspEvaluator.CspEvaluator(
  new cspEvaluator.CspParser(policy).csp,
  cspEvaluator.Version.CSP3,
).evaluate();
for (const f of cspFindings) {
  findings.push({
    where: 'main/electron/csp.ts:1',
    id: 'CSP_GLOBAL_CHECK',
    // Stricter than Electronegativity, which reports even a HIGH evaluator finding as LOW.
    severity: [HIGH, SYNTAX, MEDIUM].includes(f.severity) ? 'MEDIUM' : 'LOW',
    description: `${f.directive} ${f.value ?? ''}: ${f.description}`,
  });
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────
console.log(
  `Electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks over ${sources.length} files in ${SCANNED.join('/, ')}/`,
);
const failing = findings.filter((f) => FAILING.has(f.severity));
const other = findings.filter((f) => !FAILING.has(f.severity));
const line = (f) => `  ${f.where} ${f.id} — ${f.description} [${f.severity}]`;

if (failing.length) console.log(`HIGH/MEDIUM findings:\n${failing.map(line).join('\n')}`);
if (other.length) console.log(`LOW/INFORMATIONAL findings:\n${other.map(line).join('\n')}`);
if (suppressions.length) {
  console.log('Inline suppressions:');
  for (const s of suppressions) console.log(`  ${s.where} ${s.id} — ${s.reason}`);
}
for (const [check, why] of Object.entries(EXCLUDED)) console.log(`Excluded: ${check} — ${why}`);
if (badSuppressions.length) {
  console.log(`eng-disable without a reason (write "eng-disable CHECK_ID — why"):`);
  for (const b of badSuppressions) console.log(`  ${b}`);
}
if (parseErrors.length) console.log(`Not scanned:\n${parseErrors.map((e) => `  ${e}`).join('\n')}`);
if (keepSarif) console.log(`SARIF report: ${keepSarif}`);

console.log(
  `security: ${failing.length} high/medium, ${other.length} low/info, ${suppressions.length} suppressed` +
    (badSuppressions.length ? `, ${badSuppressions.length} unexplained eng-disable` : '') +
    (parseErrors.length ? `, ${parseErrors.length} files not scanned` : ''),
);
process.exit(failing.length || badSuppressions.length || parseErrors.length ? 1 : 0);
