import type { Q } from '../../db/query.js';
import { firstAssignmentStarts } from '../../db/tables/assignments.js';
import {
  dailyCategoryMinutes,
  minutesGrouped,
  minutesTotal,
  yearsWithEntries,
  type MinutesGroup,
} from '../../db/tables/hour-entries.js';
import { CATEGORY_LABELS, HOUR_CATEGORIES } from '../../../shared/domain/categories.js';
import { toIsoDate, type IsoDate } from '../../../shared/domain/dates.js';
import type { Pack } from '../../../shared/domain/packs/index.js';
import {
  countTowardTotal,
  splitByAge,
  totalRuleOf,
} from '../../../shared/domain/progress-measures.js';
import type { ProgressEntry } from '../../../shared/domain/progress-types.js';
import {
  PROGRESS_BUCKETS,
  PROGRESS_BUCKET_LABELS,
  progressBucket,
  suppressTable,
  type GroupFigure,
  type ProgressBucket,
} from '../../../shared/domain/privacy/aggregate.js';
import {
  monthLabel,
  periodMonths,
  statisticsCsvRows,
  type PracticeStatistics,
} from '../../../shared/domain/privacy/statistics.js';
import type { ReportFile } from '../../../shared/domain/reports.js';
import type { PacksService } from '../packs.js';
import type { CorePorts } from '../ports.js';
import { csvFile } from '../reports/csv-file.js';
import { consentedPeople } from './consent-state.js';

interface Grouped {
  key: string;
  people: number;
  minutes: number;
}

/**
 * Practice statistics in aggregate only. Every query reads ids, dates, categories, sites and
 * minutes — never a name, email or note — and only for workers whose latest 'statistics'
 * consent is a yes, read afresh on each call so a withdrawal takes effect at the next one.
 * Viewing is not audited: the result describes no one. Exporting is, as an 'export'; it is not
 * a disclosure, because no person's data leaves the app.
 */
export function makeStatisticsService(
  { db, clock, audit }: CorePorts,
  deps: { packs: PacksService },
) {
  const grouped = (q: Q, ids: number[], from: IsoDate, to: IsoDate, by: MinutesGroup) =>
    minutesGrouped(q, ids, from, to, by);

  async function totals(q: Q, ids: number[], from: IsoDate, to: IsoDate) {
    const t = await minutesTotal(q, ids, from, to);
    return { people: t.people, value: t.minutes };
  }

  const figures = <K extends string>(
    keys: readonly { key: K; label: string }[],
    found: Grouped[],
  ): GroupFigure<K>[] =>
    keys.map(({ key, label }) => {
      const g = found.find((f) => f.key === key);
      return { key, label, people: g?.people ?? 0, value: g?.minutes ?? 0 };
    });

  /**
   * Minutes toward each consenting worker's pack total as of today (caps and the age limit
   * applied, as on the dashboards), without the rest of the progress computation: the bucket
   * needs only that one figure.
   */
  async function progressBuckets(
    q: Q,
    ids: number[],
    today: IsoDate,
    packs: Map<string, Pack | null>,
  ) {
    const workers = (await q('workers')
      .whereIn('id', ids)
      .where({ active: true })
      .whereNotNull('pack_id')
      .select('id', 'pack_id')) as { id: number; pack_id: string }[];
    const withPack = workers.filter((w) => packs.get(w.pack_id));
    const workerIds = withPack.map((w) => Number(w.id));
    const entries = await dailyCategoryMinutes(q, workerIds, today);
    const starts = await firstAssignmentStarts(q, workerIds);
    const byWorker = new Map<number, ProgressEntry[]>();
    for (const e of entries) {
      const list = byWorker.get(Number(e.worker_id)) ?? [];
      // The total needs no supervisor or site; 0 stands for "not read".
      list.push({
        date: e.date,
        category: e.category,
        minutes: Number(e.minutes),
        supervisorId: 0,
        siteId: 0,
      });
      byWorker.set(Number(e.worker_id), list);
    }
    const counts = new Map<ProgressBucket, number>();
    for (const w of withPack) {
      const pack = packs.get(w.pack_id) as Pack;
      const input = {
        entries: byWorker.get(Number(w.id)) ?? [],
        supervisors: [],
        supervisionStartDate:
          starts.find((s) => Number(s.worker_id) === Number(w.id))?.start ?? null,
      };
      const rule = totalRuleOf(pack);
      const toward = countTowardTotal(rule, splitByAge(pack, input, today).counting);
      const bucket = progressBucket(toward, rule.requiredMinutes);
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    const rows = PROGRESS_BUCKETS.map((b) => ({
      key: b,
      label: PROGRESS_BUCKET_LABELS[b],
      people: counts.get(b) ?? 0,
      value: counts.get(b) ?? 0,
    }));
    return suppressTable(rows, { people: withPack.length, value: withPack.length });
  }

  async function practice(year: number | null): Promise<PracticeStatistics> {
    const today = toIsoDate(clock.now());
    const months = periodMonths(today, year);
    const from = `${months[0]}-01`;
    const monthEnd = `${months[11]}-31`;
    const to = monthEnd < today ? monthEnd : today;
    // Packs are resolved first: the packs service reads through its own connection, and the
    // one connection is the transaction's until it ends.
    const packs = new Map<string, Pack | null>();
    const packIds = (await db('workers').whereNotNull('pack_id').distinct('pack_id')) as {
      pack_id: string;
    }[];
    for (const p of packIds) packs.set(p.pack_id, await deps.packs.resolve(p.pack_id));
    return db.transaction(async (trx) => {
      const ids = [...(await consentedPeople(trx, 'statistics', 'worker'))];
      const all = (await trx('workers').count({ n: '*' }).first()) as { n: number } | undefined;
      const years = await yearsWithEntries(trx, ids, today);
      const total = await totals(trx, ids, from, to);

      const byCategory = suppressTable(
        figures(
          HOUR_CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c] })),
          await grouped(trx, ids, from, to, 'category'),
        ),
        total,
      );

      const siteGroups = await grouped(trx, ids, from, to, 'site_id');
      const sites = (await trx('sites').orderBy(['name', 'id']).select('id', 'name', 'active')) as {
        id: number;
        name: string;
        active: number | boolean;
      }[];
      const bySite = suppressTable(
        figures(
          sites
            .filter((s) => Boolean(s.active) || siteGroups.some((g) => g.key === String(s.id)))
            .map((s) => ({ key: String(s.id), label: s.name })),
          siteGroups,
        ),
        total,
      );

      const byMonth = suppressTable(
        figures(
          months.map((m) => ({ key: m, label: monthLabel(m) })),
          await grouped(trx, ids, from, to, 'month'),
        ),
        total,
      );

      return {
        period: {
          from,
          to,
          year,
          label: year === null ? 'the last 12 months' : String(year),
        },
        asOf: today,
        consenting: ids.length,
        notConsenting: Math.max(0, Number(all?.n ?? 0) - ids.length),
        years: years.map(Number),
        byCategory,
        bySite,
        byMonth,
        progress: await progressBuckets(trx, ids, today, packs),
      };
    });
  }

  return {
    practice,

    async exportCsv(year: number | null): Promise<ReportFile> {
      const stats = await practice(year);
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'export',
          entity: 'statistics',
          detail: `practice statistics CSV for ${stats.period.from} to ${stats.period.to} (${stats.consenting} workers counted)`,
        }),
      );
      return csvFile(
        `practice-statistics-${year ?? `to-${stats.period.to}`}.csv`,
        null,
        statisticsCsvRows(stats),
      );
    },
  };
}

export type StatisticsService = ReturnType<typeof makeStatisticsService>;
