import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { insertBatched } from '../main/db/connection.js';
import { createMemorySecretStore } from '../main/platform/memory-secret-store.js';
import { startHarness } from '../tests/harness/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.js';
import { BENCH_NOW, OWNER, generatePractice } from './generate.js';
import { ratio, summarize, type Timing } from './stats.js';

export interface ScreenFigures {
  entries: number;
  /** From navigation to the hours screen's first entry row painted (the list is virtualised). */
  firstRender: Timing;
  /** Scrolling 1,000 rows down (or to the last row when there are fewer) until painted. */
  scroll: Timing;
  /** Rows in the DOM after the first render (the virtual list renders those near the window). */
  rowsInDom: number;
}

export interface BrowserFigures {
  small: ScreenFigures;
  large: ScreenFigures;
  firstRenderRatio: number;
  scrollRatio: number;
}

const WEEK = '2026-11-16';
const SCROLLS_PER_LOAD = 10;
const WEEKDAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

/** One practice's hours screen open in Chromium, loaded again for each measured run. */
interface Screen {
  entries: number;
  /** One load from a blank page, then SCROLLS_PER_LOAD scrolls from the top. */
  load(): Promise<{ first: number; scrolls: number[]; rowsInDom: number }>;
  close(): Promise<void>;
}

/**
 * The hours screen shows one week of one worker, so "the screen with 10,000 entries" is one
 * week holding 10,000 entries (2,000 a weekday, one minute each; written straight into the
 * table, past the 24-hour-day rule, since what is measured is the screen's cost per row).
 */
async function openScreen(entries: number, rendererDir: string): Promise<Screen> {
  const folder = mkdtempSync(join(tmpdir(), 'hourkeep-bench-screen-'));
  const secrets = createMemorySecretStore();
  const practice = await generatePractice(
    folder,
    { workers: 1, supervisors: 1, sites: 1, years: 1, entries: 0, sessionWeeks: 0, seed: 7 },
    secrets,
  );
  const stamp = BENCH_NOW.toISOString();
  await practice.core.db.transaction((trx) =>
    insertBatched(
      trx,
      'hour_entries',
      Array.from({ length: entries }, (_, i) => ({
        worker_id: 1,
        date: WEEKDAYS[i % WEEKDAYS.length],
        site_id: 1,
        supervisor_id: 1,
        category: i % 3 === 0 ? 'direct_family' : 'direct_individual',
        minutes: 1,
        note: null,
        created_at: stamp,
        updated_at: stamp,
      })),
    ),
  );
  await practice.core.close();

  const clock = { now: () => new Date(BENCH_NOW) };
  const harness = await startHarness({ dataFolder: folder, rendererDir, clock, secrets });
  const { browser, browserHome } = await launchChromium();
  const close = async () => {
    await browser.close();
    await harness.close();
    rmSync(browserHome, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const signedIn = await harness.core.invoke('auth.signIn', {
      username: OWNER.username,
      password: OWNER.password,
    });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await fixPageDate(page);
    // A warm-up load with no worker chosen puts the bundle in the browser's cache.
    await page.goto(`${harness.url}#/hours`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
    const load = async () => {
      await page.goto('about:blank');
      const start = performance.now();
      await page.goto(`${harness.url}#/hours?worker=1&week=${WEEK}`);
      await page
        .locator('.entry-row')
        .first()
        .waitFor({ state: 'visible', timeout: 180_000 })
        .catch(async (err: unknown) => {
          await page.screenshot({ path: join(tmpdir(), 'hourkeep-bench-screen-failed.png') });
          throw err;
        });
      await painted(page);
      const first = performance.now() - start;
      const rowsInDom = await page.locator('.entry-row').count();
      // A scroll costs a few frames, so each load measures several, each from the top.
      const scrolls: number[] = [];
      for (let s = 0; s < SCROLLS_PER_LOAD; s++) {
        await page.evaluate(() => (globalThis as unknown as BrowserGlobals).scrollTo(0, 0));
        await painted(page);
        scrolls.push(await scrollRows(page, 1000, entries));
      }
      return { first, scrolls, rowsInDom };
    };
    return { entries, load, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Debian's Chromium, as the e2e suites run it, with its profile and caches in a fresh folder. */
export async function launchChromium(): Promise<{ browser: Browser; browserHome: string }> {
  const browserHome = mkdtempSync(join(tmpdir(), 'hourkeep-bench-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: browserHome,
      XDG_CACHE_HOME: browserHome,
      TMPDIR: browserHome,
    },
  });
  return { browser, browserHome };
}

/**
 * The practice's date for the screen's "today", with real timers: Playwright's clock would also
 * replace requestAnimationFrame and performance.now, so "two frames" would be a fixed 32 ms
 * whatever the paint cost.
 */
export const fixPageDate = (page: Page) => page.addInitScript(fixDateOnly, BENCH_NOW.getTime());

/** Runs in the page before its scripts: `new Date()` and `Date.now()` give `now`, nothing else changes. */
function fixDateOnly(now: number): void {
  const Real = Date;
  class FixedDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [number]));
    }
    static override now(): number {
      return now;
    }
  }
  (globalThis as unknown as { Date: DateConstructor }).Date = FixedDate as DateConstructor;
}

/** What the page functions below use of the browser (bench/ compiles without the DOM types). */
interface RowElement {
  scrollIntoView(o: object): void;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number };
}
interface BrowserGlobals {
  requestAnimationFrame(callback: () => void): number;
  scrollBy(x: number, y: number): void;
  scrollTo(x: number, y: number): void;
  innerHeight: number;
  document: {
    querySelector(selector: string): RowElement | null;
    querySelectorAll(selector: string): ArrayLike<RowElement>;
  };
}

/** Waits for two animation frames: the frame after the next one has been painted. */
export const painted = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    return new Promise<void>((ok) =>
      g.requestAnimationFrame(() => g.requestAnimationFrame(() => ok())),
    );
  });

/**
 * Brings the row `count` below the first (or the last row, when there are fewer) into view and
 * waits for the paint (two animation frames); timed in Node. A row in the page is scrolled into
 * view as before. The list is virtualised, so the row may not be in the page yet: then the
 * window jumps to where it should be, by the rendered rows' mean height, and the paint that
 * follows brings it (one jump, a second when notes make rows taller than the mean).
 */
async function scrollRows(page: Page, count: number, entries: number): Promise<number> {
  const start = performance.now();
  await page.evaluate(
    async (target) => {
      const g = globalThis as unknown as BrowserGlobals;
      const painted = () =>
        new Promise<void>((ok) =>
          g.requestAnimationFrame(() => g.requestAnimationFrame(() => ok())),
        );
      const wanted = `.entry-row[data-entry-index="${target}"]`;
      const inView = (row: RowElement) => {
        const { top, bottom } = row.getBoundingClientRect();
        return top >= 0 && bottom <= g.innerHeight;
      };
      for (let step = 0; step < 20; step++) {
        const row = g.document.querySelector(wanted);
        if (row) {
          row.scrollIntoView({ block: 'end' });
          await painted();
          return;
        }
        const rows = g.document.querySelectorAll('.entry-row[data-entry-index]');
        const first = rows[0];
        const last = rows[rows.length - 1];
        if (!first || !last) throw new Error('No entry rows on the screen');
        const from = Number(first.getAttribute('data-entry-index'));
        const to = Number(last.getAttribute('data-entry-index'));
        const mean =
          (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) /
          Math.max(1, to - from + 1);
        // Where the wanted row should be, brought to the middle of the window.
        const top = last.getBoundingClientRect().bottom + (target - to - 1) * mean;
        g.scrollBy(0, top - g.innerHeight / 2);
        await painted();
        const landed = g.document.querySelector(wanted);
        if (landed && inView(landed)) return;
      }
      throw new Error(`Row ${target} never came into view`);
    },
    Math.min(count, entries - 1),
  );
  return performance.now() - start;
}

/**
 * 8. The hours screen in Chromium through the test harness: 10,000 entries vs 10, each in its
 * own practice and browser, loads interleaved run by run (which goes first alternates too).
 */
export async function benchBrowser(rendererDir: string, runs = 10): Promise<BrowserFigures> {
  const small = await openScreen(10, rendererDir);
  try {
    const large = await openScreen(10_000, rendererDir);
    try {
      const screens = [small, large];
      const seen = screens.map(() => ({
        firsts: [] as number[],
        scrolls: [] as number[],
        rows: 0,
      }));
      for (let i = 0; i < runs; i++) {
        for (const k of i % 2 === 0 ? [1, 0] : [0, 1]) {
          const { first, scrolls, rowsInDom } = await (screens[k] as Screen).load();
          const into = seen[k] as (typeof seen)[number];
          into.firsts.push(first);
          into.scrolls.push(...scrolls);
          into.rows = rowsInDom;
        }
      }
      const [smallF, largeF] = screens.map((screen, k): ScreenFigures => ({
        entries: screen.entries,
        firstRender: summarize(seen[k]?.firsts ?? []),
        scroll: summarize(seen[k]?.scrolls ?? []),
        rowsInDom: seen[k]?.rows ?? 0,
      })) as [ScreenFigures, ScreenFigures];
      return {
        small: smallF,
        large: largeF,
        firstRenderRatio: ratio(largeF.firstRender, smallF.firstRender),
        scrollRatio: ratio(largeF.scroll, smallF.scroll),
      };
    } finally {
      await large.close();
    }
  } finally {
    await small.close();
  }
}
