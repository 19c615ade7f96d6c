import { AppError } from '../../../shared/errors.js';
import { weekStatusProblem } from '../../../shared/domain/weekly-logs.js';
import { formatDateTime } from '../../../shared/domain/format.js';
import { normaliseText, textProblem } from '../../../shared/domain/text.js';
import {
  DECISIONS_FORMAT,
  approvedDocument,
  decisionContentSchema,
  decisionFileSchema,
  type Decision,
  type DecisionFile,
} from '../../../shared/domain/review-files.js';
import type {
  DecisionImportResult,
  DecisionPreview,
  DecisionPreviewRow,
} from '../../../shared/domain/review-views.js';
import {
  canonicalJson,
  describeDifference,
  diffDocuments,
} from '../../../shared/domain/week-document.js';
import { findWeeklyLog } from '../../db/tables/weekly-logs.js';
import {
  enrolmentsOfReviewer,
  type ReviewerEnrolmentRow,
} from '../../db/tables/reviewer-enrolments.js';
import {
  findPacket,
  markImported,
  packetWeeks,
  packetWithDecision,
  type PacketWeekRecord,
  type ReviewPacketRow,
} from '../../db/tables/review-packets.js';
import { openEnvelope, verifyEnvelope } from '../../platform/review-crypto.js';
import { fingerprintOf, verificationCode, verifyText } from '../../platform/signing.js';
import type { Q } from '../../db/query.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import type { WeekSignatures } from '../week-signatures.js';
import type { SignOffPlan, WeeksService } from '../weeks.js';
import { documentHash } from './export.js';
import { checkShape, fileRefused, parseJsonFile } from './file-errors.js';
import { existingPracticeKeys, wipeKeys } from './practice-keys.js';

const WHAT = 'a Hourkeep decision file (.hkdecision)';

/** One decision checked against the week as it stands now. */
type Checked = DecisionPreviewRow & {
  plan: SignOffPlan | null;
  decision: Decision;
  /** For an approval: the document as signed (canonical JSON). */
  signedJson: string | null;
};

interface CheckedFile {
  file: DecisionFile;
  packet: ReviewPacketRow;
  enrolment: ReviewerEnrolmentRow;
  supervisorName: string;
  rows: Checked[];
}

/**
 * Decision files (issue 20): the supervisor's approvals and returns made on their own computer.
 * The file is refused whole (nothing changes) when it is not one, is cut short, was changed,
 * is from another practice, answers an unknown, expired or already imported packet, is for
 * another supervisor, or is signed with a key that is not (or no longer) enrolled. Otherwise
 * each decision is checked against the week as the practice rebuilds it now; the valid ones
 * are applied in one transaction with their audit rows, the rest refused with the reason.
 */
export function makeReviewImport(
  { db, clock, audit }: CorePorts,
  deps: {
    weeks: Pick<WeeksService, 'signOffPlan' | 'recordSignOff' | 'recordReturn'>;
    signatures: Pick<WeekSignatures, 'documentOf'>;
    practiceId: () => string;
  },
) {
  function readFile(fileName: string, base64: string): DecisionFile {
    return checkShape(
      fileName,
      parseJsonFile(fileName, base64, WHAT),
      decisionFileSchema,
      WHAT,
      DECISIONS_FORMAT,
    );
  }

  async function checkFile(q: Q, fileName: string, base64: string): Promise<CheckedFile> {
    const file = readFile(fileName, base64);
    const { header } = file;
    if (header.practiceId !== deps.practiceId())
      throw fileRefused(
        fileName,
        'this decision file is from another practice: it answers a packet another practice exported.',
      );
    const packet = await findPacket(q, header.packetId);
    if (!packet)
      throw fileRefused(
        fileName,
        'it answers a review packet this practice never exported (unknown packet).',
      );
    const supervisor = (await q('supervisors')
      .where({ id: packet.supervisor_id })
      .first('first_name', 'last_name')) as { first_name: string; last_name: string } | undefined;
    const supervisorName = supervisor ? `${supervisor.first_name} ${supervisor.last_name}` : '';
    if (
      header.supervisorId !== Number(packet.supervisor_id) ||
      header.reviewerId !== packet.reviewer_id
    )
      throw fileRefused(
        fileName,
        `it is for another supervisor: the packet it answers was made for ${supervisorName}’s reviewer computer.`,
      );
    const enrolments = await enrolmentsOfReviewer(q, header.reviewerId);
    const enrolment = enrolments.find(
      (e) => e.revoked_at === null && Number(e.supervisor_id) === header.supervisorId,
    );
    if (!enrolment) {
      throw fileRefused(
        fileName,
        enrolments.length
          ? `it is signed with a reviewer key that was revoked (${supervisorName}’s reviewer computer, revoked ${formatDateTime(enrolments[0]?.revoked_at)}).`
          : 'it is signed with a key that is not enrolled at this practice (unenrolled reviewer computer).',
      );
    }
    if (!verifyEnvelope(file, enrolment.signing_public_key))
      throw fileRefused(
        fileName,
        `its signature is not that of ${supervisorName}’s enrolled reviewer key: the file was changed after it was signed (tampered), or signed with a key that is not enrolled.`,
      );
    const keys = await existingPracticeKeys(q);
    let opened: unknown = null;
    try {
      opened = keys ? openEnvelope(file, keys.boxPrivateKey) : null;
    } finally {
      wipeKeys(keys);
    }
    if (opened === null)
      throw fileRefused(
        fileName,
        'its encrypted content does not open with this practice’s key: it was changed (tampered) or not sealed to this practice.',
      );
    const content = decisionContentSchema.safeParse(opened);
    if (!content.success) {
      const issue = content.error.issues[0];
      throw fileRefused(
        fileName,
        `its decisions are incomplete or damaged (${issue?.path.join('.') || 'decisions'}: ${issue?.message ?? 'not valid'}).`,
      );
    }
    const seen = await packetWithDecision(q, header.decisionId);
    if (packet.imported_at !== null || seen)
      throw fileRefused(
        fileName,
        `this packet’s decisions were already imported on ${formatDateTime(packet.imported_at ?? seen?.imported_at)} (replayed file): nothing was changed.`,
        'conflict',
      );
    if (clock.now().toISOString() > packet.expires_at)
      throw fileRefused(
        fileName,
        `the review packet it answers expired on ${formatDateTime(packet.expires_at)}: export a new packet for ${supervisorName}.`,
      );
    const weeks = packetWeeks(packet);
    const rows: Checked[] = [];
    const done = new Set<string>();
    for (const decision of content.data.decisions) {
      const key = `${decision.workerId}:${decision.weekStart}`;
      const week = weeks.find(
        (w) => w.workerId === decision.workerId && w.weekStart === decision.weekStart,
      );
      const row = await checkDecision(q, decision, week, enrolment, done.has(key), packet);
      done.add(key);
      rows.push(row);
    }
    return { file, packet, enrolment, supervisorName, rows };
  }

  async function checkDecision(
    q: Q,
    decision: Decision,
    week: PacketWeekRecord | undefined,
    enrolment: ReviewerEnrolmentRow,
    duplicate: boolean,
    packet: ReviewPacketRow,
  ): Promise<Checked> {
    const worker = (await q('workers')
      .where({ id: decision.workerId })
      .first('first_name', 'last_name')) as { first_name: string; last_name: string } | undefined;
    const base = {
      workerId: decision.workerId,
      workerName: worker
        ? `${worker.first_name} ${worker.last_name}`
        : `worker ${decision.workerId}`,
      weekStart: decision.weekStart,
      version: decision.version,
      action: decision.action,
      // Free text from a file gets the rules typed text gets (shared/domain/text.ts).
      comment: decision.comment === null ? null : normaliseText(decision.comment).trim(),
      decision,
    };
    const refuse = (reason: string): Checked => ({
      ...base,
      outcome: 'refuse',
      reason,
      plan: null,
      signedJson: null,
    });
    if (duplicate) return refuse('This week is decided twice in the file; only the first counts.');
    if (!week || week.version !== decision.version)
      return refuse('This week (in this version) was not in the review packet.');
    const commentProblem =
      base.comment === null ? null : textProblem(base.comment, { multiline: true });
    if (commentProblem) return refuse(`The comment cannot be stored: ${commentProblem}.`);
    const log = await findWeeklyLog(q, decision.workerId, decision.weekStart);
    const action = decision.action === 'approve' ? 'approve' : 'return';
    const problem = weekStatusProblem(action, log?.status ?? 'draft');
    if (!log || problem)
      return refuse(
        `The week cannot be ${action === 'approve' ? 'approved' : 'returned'} now: ${problem ?? 'it is a draft'}.`,
      );
    let plan: SignOffPlan;
    try {
      // Runs inside the import's transaction when applying; a read when previewing.
      plan = await deps.weeks.signOffPlan(
        q,
        decision.workerId,
        decision.weekStart,
        Number(enrolment.supervisor_id),
      );
    } catch (err) {
      if (err instanceof AppError) return refuse(err.message);
      throw err;
    }
    const now = await deps.signatures.documentOf(q, {
      workerId: decision.workerId,
      weekStart: decision.weekStart,
      supervisorId: Number(enrolment.supervisor_id),
      version: plan.version,
      signedAt: '',
      previous: plan.previous,
    });
    if (plan.version !== week.version || documentHash(now) !== week.contentHash) {
      const differences = diffDocuments(week.document, now).map(describeDifference);
      if (plan.version !== week.version)
        differences.unshift(`version: in the packet ${week.version}, now ${plan.version}`);
      if (differences.length === 0) differences.push('its earlier sign-offs changed');
      return refuse(`The week changed since the packet was made: ${differences.join('; ')}.`);
    }
    let signedJson: string | null = null;
    if (decision.action === 'approve') {
      const signedAt = decision.signedAt ?? '';
      const at = Date.parse(signedAt);
      if (Number.isNaN(at)) return refuse('The approval’s signing time is not a date and time.');
      // Signed between the packet's making and now (a day's grace for the other computer's clock).
      if (at < Date.parse(packet.created_at) || at > clock.now().getTime() + 86_400_000)
        return refuse(
          `The approval’s signing time (${formatDateTime(signedAt)}) is outside the packet’s life: it was made ${formatDateTime(packet.created_at)}.`,
        );
      signedJson = canonicalJson(approvedDocument(now, signedAt));
      if (!verifyText(enrolment.signing_public_key, signedJson, decision.weekSignature ?? ''))
        return refuse('The approval’s signature does not match the week’s document.');
    }
    return { ...base, outcome: 'apply', reason: null, plan, signedJson };
  }

  const previewOf = (checked: CheckedFile, fileName: string): DecisionPreview => ({
    fileName,
    decisionId: checked.file.header.decisionId,
    packetId: checked.file.header.packetId,
    supervisorId: Number(checked.packet.supervisor_id),
    supervisorName: checked.supervisorName,
    reviewerName: checked.enrolment.name,
    createdAt: checked.file.header.createdAt,
    rows: checked.rows.map(({ plan: _p, decision: _d, signedJson: _s, ...row }) => row),
  });

  return {
    /** What importing the file would change, week by week; changes nothing. */
    async preview(fileName: string, base64: string): Promise<DecisionPreview> {
      return previewOf(await checkFile(db, fileName, base64), fileName);
    },

    /** Applies every valid decision, in one transaction, and closes the packet. */
    async importDecisions(
      user: SessionUser,
      fileName: string,
      base64: string,
    ): Promise<DecisionImportResult> {
      return db.transaction(async (trx) => {
        const checked = await checkFile(trx, fileName, base64);
        const { header } = checked.file;
        const supervisorId = Number(checked.packet.supervisor_id);
        const account = (await trx('users').where({ supervisor_id: supervisorId }).first('id')) as
          { id: number } | undefined;
        // The sign-off is the supervisor's: their login if they have one, else whoever imports.
        const signerUserId = account ? Number(account.id) : user.id;
        const note = `on their reviewer computer (decision file ${header.decisionId})`;
        for (const row of checked.rows) {
          if (row.outcome !== 'apply' || !row.plan) continue;
          if (row.action === 'approve' && row.signedJson !== null) {
            const document = JSON.parse(row.signedJson) as Parameters<
              WeeksService['recordSignOff']
            >[2]['document'];
            const signature = row.decision.weekSignature ?? '';
            await deps.weeks.recordSignOff(trx, row.plan, {
              signerUserId,
              document,
              signed: {
                json: row.signedJson,
                signature,
                fingerprint: fingerprintOf(checked.enrolment.signing_public_key),
              },
              note: `${note}, code ${verificationCode(signature)}`,
            });
          } else if (row.action === 'return') {
            await deps.weeks.recordReturn(
              trx,
              row.plan.row,
              signerUserId,
              row.comment ?? '',
              `returned by ${checked.supervisorName} ${note}`,
            );
          }
        }
        if (
          !(await markImported(trx, header.packetId, header.decisionId, clock.now().toISOString()))
        )
          throw fileRefused(
            fileName,
            'this packet’s decisions were already imported (replayed file).',
            'conflict',
          );
        const applied = checked.rows.filter((r) => r.outcome === 'apply').length;
        const refused = checked.rows.length - applied;
        await audit.append(trx, {
          action: 'import',
          entity: 'review_packets',
          entityId: Number(checked.packet.id),
          subjectType: 'supervisor',
          subjectId: supervisorId,
          after: {
            decisionId: header.decisionId,
            packetId: header.packetId,
            decisions: checked.rows.map((r) => ({
              workerId: r.workerId,
              weekStart: r.weekStart,
              action: r.action,
              outcome: r.outcome,
              reason: r.reason,
            })),
          },
          detail: `decision file of ${checked.supervisorName}: ${applied} applied, ${refused} refused`,
        });
        return { ...previewOf(checked, fileName), applied, refused };
      });
    },
  };
}
