import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '../../../shared/errors.js';
import { addDaysIso, toIsoDate, type IsoDate } from '../../../shared/domain/dates.js';
import { formatMinutes } from '../../../shared/domain/format.js';
import type { ProgressWarning } from '../../../shared/domain/progress-types.js';
import {
  PACKET_FORMAT,
  REVIEW_FILES_VERSION,
  packetFileName,
  type PacketContent,
  type PacketHeader,
  type PacketWeek,
} from '../../../shared/domain/review-files.js';
import type { PacketExport } from '../../../shared/domain/review-views.js';
import { canonicalJson, type WeekDocument } from '../../../shared/domain/week-document.js';
import { hourEntriesBetween } from '../../db/tables/hour-entries.js';
import { activeEnrolmentOf } from '../../db/tables/reviewer-enrolments.js';
import { insertPacket, type PacketWeekRecord } from '../../db/tables/review-packets.js';
import { sealEnvelope } from '../../platform/review-crypto.js';
import type { CorePorts } from '../ports.js';
import { recordDisclosure } from '../privacy/disclosures.js';
import type { SessionUser } from '../session.js';
import type { WeekSignatures } from '../week-signatures.js';
import type { WeeksService } from '../weeks.js';
import { practiceKeysFor, wipeKeys } from './practice-keys.js';

const DAY_MS = 86_400_000;

const parseObject = (json: string | null): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(json ?? 'null') as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** SHA-256 of a week's document as exported (signedAt empty): what an import compares. */
export const documentHash = (document: WeekDocument): string =>
  createHash('sha256').update(canonicalJson(document), 'utf8').digest('hex');

/** The pack's warnings that concern a week: about it, or about a period overlapping it. */
function warningsOfWeek(all: readonly ProgressWarning[], weekStart: IsoDate): string[] {
  const weekEnd = addDaysIso(weekStart, 6);
  return all
    .filter(
      (w) =>
        w.weekStart === weekStart ||
        (w.date !== undefined && w.date <= weekEnd && (w.endDate ?? w.date) >= weekStart),
    )
    .map((w) => w.message);
}

/**
 * Review packets (issue 20): a supervisor's submitted weeks, as they would sign them at the
 * workstation, sealed to their enrolled computer and signed by the practice. The owner makes
 * one for any enrolled supervisor, a worker for their own weeks; either way it is a disclosure
 * to that supervisor for review, recorded with the packet in one transaction.
 */
export function makeReviewExport(
  { db, clock, audit }: CorePorts,
  deps: {
    weeks: Pick<WeeksService, 'signOffPlan'>;
    signatures: Pick<WeekSignatures, 'documentOf'>;
    warningsOf: (workerId: number) => Promise<ProgressWarning[]>;
    practiceId: () => string;
  },
) {
  /** Earlier comments on a week: its returns and amendment reasons, from the audit trail. */
  async function commentsOf(trx: Knex.Transaction, logId: number): Promise<PacketWeek['comments']> {
    const rows = (await trx('audit_log')
      .where({ entity: 'weekly_logs', entity_id: logId })
      .whereIn('action', ['return', 'amend'])
      .whereNull('redacted_at')
      .orderBy('id')
      .select('actor', 'at', 'after_json')) as {
      actor: string;
      at: string;
      after_json: string | null;
    }[];
    const out: PacketWeek['comments'] = [];
    for (const r of rows) {
      const after = parseObject(r.after_json);
      const text = after?.comment ?? after?.reason;
      if (typeof text === 'string' && text) out.push({ author: r.actor, at: r.at, text });
    }
    return out;
  }

  async function earlierVersionsOf(
    trx: Knex.Transaction,
    logId: number,
  ): Promise<PacketWeek['earlierVersions']> {
    const rows = (await trx('week_signatures')
      .where({ weekly_log_id: logId })
      .orderBy([{ column: 'version' }, { column: 'id' }])
      .select('version', 'signer_name', 'signed_at', 'entries_json')) as {
      version: number;
      signer_name: string;
      signed_at: string;
      entries_json: string;
    }[];
    return rows.map((r) => {
      let entries: { minutes?: number }[] = [];
      try {
        entries = JSON.parse(r.entries_json) as { minutes?: number }[];
      } catch {
        entries = [];
      }
      const minutes = entries.reduce((n, e) => n + Number(e.minutes ?? 0), 0);
      return {
        version: Number(r.version),
        signer: r.signer_name,
        signedAt: r.signed_at,
        summary: `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, ${formatMinutes(minutes)}`,
      };
    });
  }

  async function totalsOfWeek(
    trx: Knex.Transaction,
    workerId: number,
    weekStart: IsoDate,
  ): Promise<PacketWeek['totals']> {
    const entries = await hourEntriesBetween(trx, workerId, weekStart, addDaysIso(weekStart, 6));
    const byCategory: Record<string, number> = {};
    for (const e of entries) byCategory[e.category] = (byCategory[e.category] ?? 0) + e.minutes;
    return {
      minutes: entries.reduce((n, e) => n + e.minutes, 0),
      entries: entries.length,
      byCategory,
    };
  }

  return {
    async exportPacket(
      user: SessionUser,
      input: { supervisorId: number; workerId?: number | undefined; expiresInDays: number },
    ): Promise<PacketExport> {
      let workerId = input.workerId;
      if (user.role === 'worker') {
        if (workerId !== undefined && workerId !== user.workerId)
          throw new AppError(
            'forbidden',
            'A worker exports review packets of their own weeks only.',
          );
        workerId = user.workerId ?? -1;
      }
      const supervisor = (await db('supervisors')
        .where({ id: input.supervisorId })
        .first('first_name', 'last_name')) as { first_name: string; last_name: string } | undefined;
      if (!supervisor) throw new AppError('not_found', 'Supervisor not found.');
      const supervisorName = `${supervisor.first_name} ${supervisor.last_name}`;
      const enrolment = await activeEnrolmentOf(db, input.supervisorId);
      if (!enrolment)
        throw new AppError(
          'conflict',
          `${supervisorName} has no enrolled reviewer computer: enrol it first (Supervisors → Enrol reviewer computer).`,
        );
      const candidates = (await db('weekly_logs as l')
        .join('workers as w', 'w.id', 'l.worker_id')
        .where('l.status', 'submitted')
        .modify((q) => {
          if (workerId !== undefined) q.where('l.worker_id', workerId);
        })
        .orderBy([{ column: 'l.submitted_at' }, { column: 'l.id' }])
        .select('l.id', 'l.worker_id', 'l.week_start', 'w.first_name', 'w.last_name')) as {
        id: number;
        worker_id: number;
        week_start: string;
        first_name: string;
        last_name: string;
      }[];
      // The pack's warnings are computed before the transaction: the connection is single.
      const warnings = new Map<number, ProgressWarning[]>();
      for (const c of candidates)
        if (!warnings.has(Number(c.worker_id)))
          warnings.set(Number(c.worker_id), await deps.warningsOf(Number(c.worker_id)));

      const made = await db.transaction(async (trx) => {
        const weeks: PacketWeek[] = [];
        const records: PacketWeekRecord[] = [];
        for (const c of candidates) {
          const wId = Number(c.worker_id);
          let plan;
          try {
            plan = await deps.weeks.signOffPlan(trx, wId, c.week_start, input.supervisorId);
          } catch (err) {
            // Not this supervisor's to sign, or already signed by them: not in their packet.
            if (err instanceof AppError) continue;
            throw err;
          }
          const document = await deps.signatures.documentOf(trx, {
            workerId: wId,
            weekStart: c.week_start,
            supervisorId: input.supervisorId,
            version: plan.version,
            signedAt: '',
            previous: plan.previous,
          });
          weeks.push({
            workerId: wId,
            workerName: `${c.first_name} ${c.last_name}`,
            weekStart: c.week_start,
            version: plan.version,
            document,
            totals: await totalsOfWeek(trx, wId, c.week_start),
            warnings: warningsOfWeek(warnings.get(wId) ?? [], c.week_start),
            comments: await commentsOf(trx, Number(c.id)),
            earlierVersions: await earlierVersionsOf(trx, Number(c.id)),
          });
          records.push({
            workerId: wId,
            weekStart: c.week_start,
            version: plan.version,
            contentHash: documentHash(document),
            document,
          });
        }
        if (weeks.length === 0)
          throw new AppError(
            'conflict',
            `No submitted weeks are waiting for ${supervisorName}’s review${user.role === 'worker' ? ' among yours' : ''}: there is nothing to put in a packet.`,
          );
        const now = clock.now();
        const practice = (await trx('practice').first('name')) as { name: string } | undefined;
        const keys = await practiceKeysFor(trx, { clock, audit });
        try {
          const header: PacketHeader = {
            format: PACKET_FORMAT,
            version: REVIEW_FILES_VERSION,
            packetId: randomUUID(),
            practiceId: deps.practiceId(),
            practiceName: practice?.name ?? '',
            practiceSigningKey: keys.signingPublicKey,
            practiceBoxKey: keys.boxPublicKey,
            reviewerId: enrolment.reviewer_id,
            supervisorId: input.supervisorId,
            createdAt: now.toISOString(),
            expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
          };
          const content: PacketContent = { weeks };
          const envelope = sealEnvelope(
            header,
            content,
            enrolment.box_public_key,
            keys.signingPrivateKey,
          );
          const id = await insertPacket(trx, {
            packet_id: header.packetId,
            supervisor_id: input.supervisorId,
            reviewer_id: enrolment.reviewer_id,
            created_by: user.id,
            created_at: header.createdAt,
            expires_at: header.expiresAt,
            weeks: records,
          });
          await audit.append(trx, {
            action: 'export',
            entity: 'review_packets',
            entityId: id,
            subjectType: 'supervisor',
            subjectId: input.supervisorId,
            after: {
              packetId: header.packetId,
              expiresAt: header.expiresAt,
              weeks: records.map((r) => ({
                workerId: r.workerId,
                weekStart: r.weekStart,
                version: r.version,
                contentHash: r.contentHash,
              })),
            },
            detail: `review packet for ${supervisorName}: ${weeks.length} week(s), expires ${header.expiresAt.slice(0, 10)}`,
          });
          await recordDisclosure(trx, audit, {
            people: weeks.map((w) => ({ personType: 'worker', personId: w.workerId })),
            recipient: `${supervisorName} (supervisor, on their reviewer computer)`,
            purpose: 'review',
            categories: ['hours', 'weekly_logs'],
            format: 'json',
            document: 'review-packet',
          });
          return {
            fileName: packetFileName(header.practiceName, supervisorName, toIsoDate(now)),
            mimeType: 'application/json',
            base64: Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64'),
            packetId: header.packetId,
            expiresAt: header.expiresAt,
            weeks: weeks.map((w) => ({
              workerId: w.workerId,
              workerName: w.workerName,
              weekStart: w.weekStart,
              version: w.version,
            })),
          };
        } finally {
          wipeKeys(keys);
        }
      });
      return made;
    },
  };
}
