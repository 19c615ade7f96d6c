// `npm test`: everything CI runs, in order, continuing past failures so the summary is whole.
// Static checks (typecheck, lint, build, security scan) count as one test each; the suites
// report their own counts. The last line is `N passed, N failed[, N skipped]`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'hourkeep-ci-'));
const reports = join(scratch, 'reports');
mkdirSync(reports);

// Chromium, Playwright and the throwaway keyring write under these; keep them out of $HOME.
const isolated = {
  ...process.env,
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_CACHE_HOME: join(scratch, 'cache'),
  XDG_DATA_HOME: join(scratch, 'data'),
  XDG_RUNTIME_DIR: join(scratch, 'runtime'),
  TMPDIR: join(scratch, 'tmp'),
  FORCE_COLOR: '0',
};
for (const dir of ['config', 'cache', 'data', 'runtime', 'tmp'])
  mkdirSync(join(scratch, dir), { mode: 0o700 });

const results = [];
/** Every failed test by name, printed again under the summary: CI shows only the log's tail. */
const failures = [];

/** The first lines of an error, enough to tell a timeout from an assertion in the log's tail. */
function firstLines(message = '', count = 4) {
  return String(message)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => line.slice(0, 300));
}

function run(label, command, args, env = process.env) {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`━━ ${label}: exit ${res.status ?? res.signal} in ${seconds} s`);
  return res.status === 0;
}

/**
 * Static checks side by side (two cores, each check mostly one): each one's output is held and
 * printed whole when it ends, so the log reads as if they ran in turn.
 */
async function checksTogether(list) {
  const outcomes = await Promise.all(
    list.map(
      ([label, command, args]) =>
        new Promise((done) => {
          const started = Date.now();
          const child = spawn(command, args, { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (code, signal) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
            process.stdout.write(output);
            console.log(`━━ ${label}: exit ${code ?? signal} in ${seconds} s`);
            done({ label, ok: code === 0 });
          });
        }),
    ),
  );
  for (const { label, ok } of outcomes)
    results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return outcomes.every((o) => o.ok);
}

function check(label, command, args, env) {
  const ok = run(label, command, args, env);
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const hasKeyring =
  spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'])
    .status === 0;
const keyringHome = join(scratch, 'home');
mkdirSync(keyringHome, { recursive: true });

/**
 * Keychain code needs a Secret Service: run the command in a private D-Bus session with an
 * unlocked throwaway gnome-keyring (MACHINE.md). HOME points into the scratch folder, so the
 * keyring lives and dies with this run.
 */
function inKeyringSession(label, command, args, env) {
  if (!hasKeyring) {
    return run(
      `${label} (no D-Bus or gnome-keyring: keychain tests will fail)`,
      command,
      args,
      env,
    );
  }
  const script =
    'printf %s ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
  // A runtime folder of its own: a daemon of the session before may still be shutting down,
  // and on its way out it removes its keyring/ folder there, control socket and all, from
  // under the next session's daemon (the e2e suite once lost its keychain that way).
  return run(label, 'dbus-run-session', ['--', 'sh', '-c', script, 'sh', command, ...args], {
    ...env,
    HOME: keyringHome,
    XDG_RUNTIME_DIR: mkdtempSync(join(scratch, 'runtime-')),
  });
}

/** A vitest run counted by its JSON report; `extra` narrows it, `env` adds to the isolation. */
function vitest(label, extra = [], env = {}) {
  const out = join(reports, `${label.replace(/\W+/g, '-')}.json`);
  const args = [
    'run',
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const ok = inKeyringSession(label, bin('vitest'), args, { ...isolated, ...env });
  const report = readJson(out);
  if (!report) {
    results.push({ label, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  for (const file of report.testResults ?? []) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests)
      failures.push({
        label,
        test: `${name} › ${t.fullName}`,
        lines: firstLines(t.failureMessages?.[0]),
      });
    // A file that failed outside any test (a hook, an import) has no failed test to name.
    if (file.status === 'failed' && failedTests.length === 0)
      failures.push({ label, test: name, lines: firstLines(file.message) });
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  const failed = report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  results.push({ label, passed: report.numPassedTests, failed, skipped });
}

/**
 * The integration suite again with every test practice on the PostgreSQL server `.ci/run`
 * started (issue 21), less the files tests/pg/not-on-postgres.mjs names with their reasons.
 */
async function vitestOnPostgres() {
  const label = 'integration on PostgreSQL';
  if (!process.env.HOURKEEP_PG_HOST) {
    console.log(`\n━━ ${label}: no server (start one with tests/pg/server.sh and source its env)`);
    results.push({ label, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const { NOT_ON_POSTGRES } = await import('./pg/not-on-postgres.mjs');
  const excluded = Object.keys(NOT_ON_POSTGRES).flatMap((f) => [
    '--exclude',
    `tests/integration/${f}`,
  ]);
  vitest(label, ['tests/integration', ...excluded], { HOURKEEP_TEST_DB: 'postgres' });
}

/** Tests whose final outcome was unexpected (a flaky pass on retry is not a failure). */
function* playwrightFailures(suites, path = []) {
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = test.results?.at(-1);
        yield {
          test: `${[...here, spec.title].join(' › ')} (${spec.file}:${spec.line})`,
          lines: firstLines(last?.error?.message ?? last?.status),
        };
      }
    }
    yield* playwrightFailures(suite.suites ?? [], here);
  }
}

function playwright(label, config) {
  const out = join(reports, `${label}.json`);
  const ok = inKeyringSession(
    label,
    bin('playwright'),
    ['test', '--config', config, '--reporter=list,json'],
    {
      ...isolated,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    },
  );
  const report = readJson(out);
  const stats = report?.stats;
  for (const failure of playwrightFailures(report?.suites ?? []))
    failures.push({ label, ...failure });
  if (!stats) {
    results.push({ label, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const failed = stats.unexpected + (ok || stats.unexpected > 0 ? 0 : 1);
  results.push({ label, passed: stats.expected + stats.flaky, failed, skipped: stats.skipped });
}

const started = Date.now();
await checksTogether([
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
]);
const built = check('build', 'npm', ['run', '--silent', 'build']);
vitest('unit + integration');
await vitestOnPostgres();
if (built) {
  playwright('e2e', 'tests/e2e/playwright.config.ts');
  playwright('electron', 'tests/electron/playwright.config.ts');
} else {
  results.push({ label: 'e2e (not run: build failed)', passed: 0, failed: 1, skipped: 0 });
}
check('security scan', 'npm', ['run', '--silent', 'security']);

rmSync(scratch, { recursive: true, force: true });

if (failures.length > 0) {
  console.log('\n━━ Failed tests');
  for (const f of failures) {
    console.log(`  ✗ [${f.label}] ${f.test}`);
    for (const line of f.lines) console.log(`      ${line}`);
  }
}
console.log('\n━━ Summary');
for (const r of results) {
  console.log(
    `  ${r.label.padEnd(22)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  );
}
const sum = (k) => results.reduce((s, r) => s + r[k], 0);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`  total time ${minutes} min`);
const skipped = sum('skipped');
console.log(
  `${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(sum('failed') === 0 ? 0 : 1);
