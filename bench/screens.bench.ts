import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { SecretStore } from '../main/platform/secret-store.js';
import { startHarness, type Harness } from '../tests/harness/server.js';
import { fixPageDate, launchChromium, painted } from './browser.bench.js';
import { addDaysIso, weekStartOf, type IsoDate } from '../shared/domain/dates.js';
import { BENCH_NOW, OWNER } from './generate.js';
import { alternate, type Interleaved } from './stats.js';
import type { Row } from './row.js';

/** A generated practice on disk, closed, with the secret store that opens it. */
export interface PracticeOnDisk {
  folder: string;
  secrets: SecretStore;
  entries: number;
}

export interface ScreensFigures {
  /** The owner's overview (`#/dashboard`) until its first worker's row is painted. */
  overview: Interleaved;
  /** One worker's dashboard (the worker with the most entries) until its requirements are painted. */
  workerDashboard: Interleaved;
  /** The hours screen of the latest logged week's busiest worker, until its rows are painted. */
  hours: Interleaved;
  large: ScreenSubjects;
  small: ScreenSubjects;
}

interface ScreenSubjects {
  entries: number;
  /** The worker whose dashboard is measured, and their entries. */
  dashboardWorker: { id: number; entries: number };
  /** The worker and week whose hours screen is measured, and the week's entries. */
  hoursWeek: { workerId: number; week: string; entries: number };
}

/**
 * Issue 18: the screens a practice opens most, in Chromium, on the 1M-entry practice against
 * the 10k one: the owner's overview, a worker's dashboard and the hours screen. Each practice
 * has its harness (the app's main-process core behind the renderer as built) and its page in
 * one browser; the loads alternate between them run by run. Real frames: only Date is fixed
 * in the page. The overview is measured as the app shows it after its start-up warm-up of the
 * progress cache (main/core.ts warmProgress), which the bench awaits first.
 */
export async function benchScreens(
  large: PracticeOnDisk,
  small: PracticeOnDisk,
  rendererDir: string,
  runs = 10,
): Promise<ScreensFigures> {
  const { browser, browserHome } = await launchChromium();
  const opened: { harness: Harness; page: Page; subjects: ScreenSubjects }[] = [];
  try {
    for (const practice of [large, small]) {
      const harness = await startHarness({
        dataFolder: practice.folder,
        rendererDir,
        clock: { now: () => new Date(BENCH_NOW) },
        secrets: practice.secrets,
      });
      const signedIn = await harness.core.invoke('auth.signIn', {
        username: OWNER.username,
        password: OWNER.password,
      });
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      opened.push({ harness, page, subjects: await subjectsOf(harness, practice.entries) });
      await harness.core.warmProgress();
      await fixPageDate(page);
    }
    const [big, little] = opened as [(typeof opened)[0], (typeof opened)[0]];
    const screens = {
      overview: (o: typeof big) => load(o, '#/dashboard', firstOverviewRow),
      workerDashboard: (o: typeof big) =>
        load(o, `#/dashboard?worker=${o.subjects.dashboardWorker.id}`, firstRequirement),
      hours: (o: typeof big) =>
        load(
          o,
          `#/hours?worker=${o.subjects.hoursWeek.workerId}&week=${o.subjects.hoursWeek.week}`,
          firstEntryRow,
        ),
    };
    const measured = {} as Record<keyof typeof screens, Interleaved>;
    for (const [name, open] of Object.entries(screens) as [
      keyof typeof screens,
      typeof screens.overview,
    ][]) {
      // One load of each, untimed: the bundle in the browser's cache, the queries' first plans.
      for (const o of [big, little]) {
        await blank(o);
        await open(o);
      }
      measured[name] = await alternate(
        runs,
        () => open(big),
        () => open(little),
        () => blank(big),
        () => blank(little),
      );
    }
    return { ...measured, large: big.subjects, small: little.subjects };
  } finally {
    for (const o of opened) await o.harness.close();
    await browser.close();
    rmSync(browserHome, { recursive: true, force: true });
  }
}

const firstOverviewRow = (page: Page) =>
  page.getByRole('table', { name: "Workers' progress" }).getByRole('link').first();
const firstRequirement = (page: Page) => page.locator('[data-testid^="requirement-"]').first();
const firstEntryRow = (page: Page) => page.locator('.entry-row').first();

/** About:blank first, so each load starts the renderer afresh (its query cache included). */
async function blank(o: { page: Page }) {
  await o.page.goto('about:blank');
}

/** Navigates to `hash` and waits for `shown` to be visible and painted (two frames). */
async function load(
  o: { harness: Harness; page: Page },
  hash: string,
  shown: (page: Page) => ReturnType<Page['locator']>,
) {
  await o.page.goto(`${o.harness.url}${hash}`);
  await shown(o.page).waitFor({ state: 'visible', timeout: 180_000 });
  await painted(o.page);
}

/** The worker with the most entries, and the busiest worker of the latest week with entries. */
async function subjectsOf(harness: Harness, entries: number): Promise<ScreenSubjects> {
  const db = harness.core.db;
  const busiest = (await db('hour_entries')
    .select('worker_id')
    .count({ n: '*' })
    .groupBy('worker_id')
    .orderBy('n', 'desc')
    .first()) as { worker_id: number; n: number };
  // The latest week with entries (the generator's last logged week), and its busiest worker.
  const last = (await db('hour_entries').max({ d: 'date' }).first()) as { d: string | null };
  if (!last.d) throw new Error('The practice has no entries');
  const monday = weekStartOf(last.d as IsoDate);
  const week = (await db('hour_entries')
    .whereBetween('date', [monday, addDaysIso(monday, 6)])
    .select('worker_id')
    .count({ n: '*' })
    .groupBy('worker_id')
    .orderBy('n', 'desc')
    .first()) as { worker_id: number; n: number };
  return {
    entries,
    dashboardWorker: { id: Number(busiest.worker_id), entries: Number(busiest.n) },
    hoursWeek: { workerId: Number(week.worker_id), week: monday, entries: Number(week.n) },
  };
}

/** The Chromium rows of bench/results/latest.md for these screens. */
export function screensRows(f: ScreensFigures): Row[] {
  const at = (n: number) => n.toLocaleString('en-US');
  const scale = `${at(f.large.entries)} vs ${at(f.small.entries)} entries`;
  return [
    {
      name: `Chromium, the owner's overview (after the start-up warm-up of the progress cache) until its first row is painted: ${scale} (interleaved)`,
      subject: f.overview.subject,
      baseline: f.overview.baseline,
      ratio: f.overview.ratio,
      target: '≤ 1.5×',
      met: f.overview.ratio <= 1.5,
    },
    {
      name: `Chromium, a worker's dashboard (the worker with the most entries: ${at(f.large.dashboardWorker.entries)} vs ${at(f.small.dashboardWorker.entries)}) until its requirements are painted: ${scale} (interleaved)`,
      subject: f.workerDashboard.subject,
      baseline: f.workerDashboard.baseline,
      ratio: f.workerDashboard.ratio,
      target: '—',
      met: null,
    },
    {
      name: `Chromium, the hours screen (the latest logged week of its busiest worker: ${at(f.large.hoursWeek.entries)} vs ${at(f.small.hoursWeek.entries)} entries) until its rows are painted: ${scale} (interleaved)`,
      subject: f.hours.subject,
      baseline: f.hours.baseline,
      ratio: f.hours.ratio,
      target: '—',
      met: null,
    },
  ];
}
