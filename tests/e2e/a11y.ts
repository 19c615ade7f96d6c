import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from './fixtures.js';

/**
 * axe-core (the package's own axe.min.js, injected into the page) on the page as it stands:
 * every WCAG 2.0/2.1 A and AA rule, plus axe's best-practice rules. A critical or serious
 * violation fails the test with the rule, the elements and axe's summary; moderate and minor
 * ones are listed in the failure only when something critical or serious fails too.
 */
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeText: string | null = null;
const axeScript = () => (axeText ??= readFileSync(axeSource, 'utf8'));

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; html: string; failureSummary?: string }[];
  }[];
}

export async function findViolations(page: Page): Promise<Violation[]> {
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') would refuse a
  // script tag, rightly, and stays on for the test.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeScript());
  const result = (await page.evaluate(() =>
    (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> };
      }
    ).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    }),
  )) as AxeResult;
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => `${n.html.slice(0, 160)}: ${n.failureSummary ?? ''}`),
  }));
}

/** Fails the test when the page in its current state has a critical or serious violation. */
export async function expectAccessible(page: Page, state: string) {
  // Let transitions and fonts settle, so the colours read are the final ones.
  await page.waitForTimeout(150);
  const violations = await findViolations(page);
  const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(blocking, `critical or serious accessibility violations on ${state}`).toEqual([]);
}
