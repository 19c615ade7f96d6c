import type { WeekSignatureRow } from '../db/tables/week-signatures.js';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import { AppError } from '../../shared/errors.js';
import { addDaysIso, type IsoDate } from '../../shared/domain/dates.js';
import type { HourCategory } from '../../shared/domain/categories.js';
import type { SignaturesVerdict } from '../../shared/domain/records.js';
import {
  WEEK_DOCUMENT_FORMAT,
  canonicalJson,
  describeDifference,
  diffDocuments,
  sortEntries,
  totalsOf,
  type WeekDocument,
} from '../../shared/domain/week-document.js';
import {
  fingerprintOf,
  signText,
  verificationCode,
  verifyText,
  type SigningKeyPair,
} from '../platform/signing.js';
import { canonicalEntries, type SigningKeyInfo } from '../../shared/domain/weekly-logs.js';
import type { CorePorts } from './ports.js';
import { insertedId } from '../db/dialect/index.js';

/** A sign-off as stored: the document, its signature and the key that made it. */
export type SignatureRow = WeekSignatureRow;

/** What a check of one sign-off found. */
export interface SignatureCheck {
  signatureId: number;
  workerId: number;
  weekStart: IsoDate;
  version: number;
  supervisorId: number;
  signerName: string;
  /** `approved-before-signatures`: a sign-off from before keys, checked by its entries hash. */
  scheme: 'ed25519' | 'approved-before-signatures';
  valid: boolean;
  /** Each thing wrong, naming the week and the field. Empty when valid. */
  problems: string[];
}

export type SigningKeyView = SigningKeyInfo;

/**
 * What the owner is shown of every sign-off checked: counts, and the broken ones in full. The
 * audit check's worker thread sends this, not each check: 75k checks at 1M entries take the
 * main process about 110 ms to receive (structured clone), this a few microseconds.
 */
export function summariseSignatureChecks(checks: SignatureCheck[]): SignaturesVerdict {
  return {
    checked: checks.length,
    signed: checks.filter((c) => c.scheme === 'ed25519').length,
    beforeSignatures: checks.filter((c) => c.scheme === 'approved-before-signatures').length,
    broken: checks
      .filter((c) => !c.valid)
      .map((c) => ({
        workerId: c.workerId,
        weekStart: c.weekStart,
        version: c.version,
        signerName: c.signerName,
        problems: c.problems,
      })),
  };
}

const keyRow = (r: Record<string, unknown>): SigningKeyView => ({
  id: Number(r.id),
  supervisorId: Number(r.supervisor_id),
  publicKey: String(r.public_key),
  fingerprint: String(r.fingerprint),
  createdAt: String(r.created_at),
  retiredAt: (r.retired_at as string | null) ?? null,
  retiredReason: (r.retired_reason as string | null) ?? null,
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Reading and checking sign-offs: a week's document from the practice's data as it is, and each
 * stored sign-off against its recorded key and that data. Reads only, so the audit check's
 * worker thread runs it on its own connection (main/workers/audit-verify.ts).
 */
export function makeSignatureChecks(db: Q, practiceId: () => string) {
  async function practiceName(q: Q): Promise<string> {
    const row = (await q('practice').first('name')) as { name: string } | undefined;
    return row?.name ?? '';
  }

  /** The document of `supervisorId`'s entries in a worker's week, from the data as it is. */
  async function documentOf(
    q: Q,
    at: {
      workerId: number;
      weekStart: IsoDate;
      supervisorId: number;
      version: number;
      signedAt: string;
      previous: WeekDocument['previous'];
    },
  ): Promise<WeekDocument> {
    const weekEnd = addDaysIso(at.weekStart, 6);
    const worker = (await q('workers')
      .where({ id: at.workerId })
      .first('first_name', 'last_name', 'registration_number')) as
      { first_name: string; last_name: string; registration_number: string | null } | undefined;
    const supervisor = (await q('supervisors')
      .where({ id: at.supervisorId })
      .first('first_name', 'last_name', 'license_type', 'license_number', 'license_state')) as
      | {
          first_name: string;
          last_name: string;
          license_type: string;
          license_number: string;
          license_state: string;
        }
      | undefined;
    if (!worker || !supervisor) throw new AppError('not_found', 'Worker or supervisor not found.');
    const rows = (await q('hour_entries as e')
      .join('sites as s', 's.id', 'e.site_id')
      .where('e.worker_id', at.workerId)
      .whereBetween('e.date', [at.weekStart, weekEnd])
      .select(
        'e.id',
        'e.date',
        'e.category',
        'e.minutes',
        'e.note',
        'e.supervisor_id',
        's.name as site',
      )) as {
      id: number;
      date: string;
      category: HourCategory;
      minutes: number;
      note: string | null;
      supervisor_id: number;
      site: string;
    }[];
    const all = rows.map((r) => ({
      id: Number(r.id),
      date: r.date,
      site: r.site,
      category: r.category,
      minutes: Number(r.minutes),
      noteSha256: r.note === null ? null : sha256(r.note),
      supervisorId: Number(r.supervisor_id),
    }));
    const mine = sortEntries(
      all.filter((e) => e.supervisorId === at.supervisorId).map(({ supervisorId: _s, ...e }) => e),
    );
    return {
      format: WEEK_DOCUMENT_FORMAT,
      practice: { id: practiceId(), name: await practiceName(q) },
      worker: {
        id: at.workerId,
        name: `${worker.first_name} ${worker.last_name}`,
        registrationNumber: worker.registration_number,
      },
      week: { start: at.weekStart, end: weekEnd },
      version: at.version,
      supervisor: {
        id: at.supervisorId,
        name: `${supervisor.first_name} ${supervisor.last_name}`,
        licenseType: supervisor.license_type,
        licenseNumber: supervisor.license_number,
        licenseState: supervisor.license_state,
      },
      entries: mine,
      totals: totalsOf(mine),
      weekTotals: {
        minutes: all.reduce((n, e) => n + e.minutes, 0),
        entries: all.length,
      },
      signedAt: at.signedAt,
      previous: at.previous,
    };
  }

  /**
   * A key counts only if its recording is in the audit trail, whose chain covers the
   * fingerprint: a row slipped into signing_keys with the file open is not a recorded key.
   * A redacted row (its supervisor erased) no longer shows the fingerprint; its place in the
   * chain still proves the recording happened.
   */
  async function keyWasRecorded(q: Q, key: Record<string, unknown>): Promise<boolean> {
    const rows = (await q('audit_log')
      .where({ entity: 'signing_keys', entity_id: Number(key.id), action: 'create' })
      .select('after_json', 'redacted_at')) as {
      after_json: string | null;
      redacted_at: string | null;
    }[];
    return rows.some((r) => {
      if (r.redacted_at !== null) return true;
      try {
        return (
          (JSON.parse(r.after_json ?? 'null') as { fingerprint?: string } | null)?.fingerprint ===
          key.fingerprint
        );
      } catch {
        return false;
      }
    });
  }

  async function check(q: Q, row: SignatureRow): Promise<SignatureCheck> {
    const log = (await q('weekly_logs').where({ id: row.weekly_log_id }).first()) as
      { worker_id: number; week_start: string; status: string; version: number } | undefined;
    const base = {
      signatureId: Number(row.id),
      workerId: Number(log?.worker_id ?? 0),
      weekStart: log?.week_start ?? '',
      version: Number(row.version),
      supervisorId: Number(row.supervisor_id),
      signerName: row.signer_name,
    };
    const where = `week of ${base.weekStart}, version ${base.version}, signed by ${row.signer_name}`;
    if (!log)
      return {
        ...base,
        scheme: 'ed25519',
        valid: false,
        problems: [`${where}: its week is missing`],
      };
    // The latest approved version is frozen: the data must still say what was signed.
    const current = log.status === 'approved' && Number(log.version) === Number(row.version);
    if (row.signature === null || row.document_json === null) {
      const problems: string[] = [];
      if (current) {
        const entries = (
          (await q('hour_entries')
            .where({ worker_id: log.worker_id })
            .whereBetween('date', [log.week_start, addDaysIso(log.week_start, 6)])) as Record<
            string,
            unknown
          >[]
        ).map((e) => ({
          id: Number(e.id),
          category: e.category as HourCategory,
          date: String(e.date),
          minutes: Number(e.minutes),
          note: (e.note as string | null) ?? null,
          siteId: Number(e.site_id),
          supervisorId: Number(e.supervisor_id),
        }));
        if (sha256(canonicalEntries(entries)) !== row.entries_hash)
          problems.push(`${where}: the entries no longer match the hash signed before signatures`);
      }
      return {
        ...base,
        scheme: 'approved-before-signatures',
        valid: problems.length === 0,
        problems,
      };
    }
    const problems: string[] = [];
    // A sign-off without a fingerprint names no key (fingerprint is never null in signing_keys).
    const fingerprint = row.key_fingerprint;
    const key =
      fingerprint === null
        ? undefined
        : await q('signing_keys').where({ fingerprint, supervisor_id: row.supervisor_id }).first();
    let signed: WeekDocument | null = null;
    try {
      signed = JSON.parse(row.document_json) as WeekDocument;
    } catch {
      problems.push(`${where}: the signed document is unreadable`);
    }
    if (!key || !(await keyWasRecorded(q, key))) {
      problems.push(
        `${where}: signed with a key the practice did not record for this supervisor (${row.key_fingerprint ?? 'none'})`,
      );
    } else if (!verifyText(String(key.public_key), row.document_json, row.signature)) {
      problems.push(`${where}: the signature does not match the signed document`);
    }
    if (signed) {
      if (signed.supervisor?.id !== Number(row.supervisor_id))
        problems.push(
          `${where}: signer: the document was signed by supervisor ${signed.supervisor?.id}`,
        );
      if (signed.version !== Number(row.version) || signed.week?.start !== log.week_start)
        problems.push(`${where}: the document is of another week or version`);
      if (signed.worker?.id !== Number(log.worker_id))
        problems.push(`${where}: worker: the document is of worker ${signed.worker?.id}`);
      if (current) {
        const now = await documentOf(q, {
          workerId: Number(log.worker_id),
          weekStart: log.week_start,
          supervisorId: Number(row.supervisor_id),
          version: Number(row.version),
          signedAt: signed.signedAt,
          previous: signed.previous,
        });
        for (const d of diffDocuments(signed, now))
          problems.push(`${where}: ${describeDifference(d)}`);
      }
    }
    return { ...base, scheme: 'ed25519', valid: problems.length === 0, problems };
  }

  return {
    documentOf,
    check,

    /** Every sign-off of the practice, checked; `onProgress` after each. */
    async checkAll(onProgress?: (done: number, total: number) => void): Promise<SignatureCheck[]> {
      const ids = (
        (await db('week_signatures').orderBy('id').select('id')) as { id: number }[]
      ).map((r) => Number(r.id));
      const out: SignatureCheck[] = [];
      for (let i = 0; i < ids.length; i += 200) {
        const rows = (await db('week_signatures').whereIn(
          'id',
          ids.slice(i, i + 200),
        )) as SignatureRow[];
        for (const row of rows) out.push(await check(db, row));
        onProgress?.(Math.min(i + 200, ids.length), ids.length);
      }
      return out;
    },
  };
}

/**
 * Supervisors' signing keys and the signed documents of their sign-offs: making a week's
 * document from the practice's data, signing it, and checking a stored sign-off against its
 * recorded key and against the data as it stands now.
 */
export function makeWeekSignatures(
  { db, clock, audit }: CorePorts,
  deps: { practiceId: () => string },
) {
  const checks = makeSignatureChecks(db, deps.practiceId);

  return {
    documentOf: checks.documentOf,

    /** Signs `document` with the supervisor's key: the canonical bytes and the signature. */
    sign(document: WeekDocument, key: SigningKeyPair) {
      const json = canonicalJson(document);
      const signature = signText(key.privateKey, json);
      return {
        json,
        signature,
        fingerprint: fingerprintOf(key.publicKey),
        code: verificationCode(signature),
      };
    },

    /**
     * Records a supervisor's public key (audited); an earlier key of theirs is retired but
     * still verifies what it signed.
     */
    async recordKey(
      trx: Knex.Transaction,
      supervisorId: number,
      userId: number,
      publicKey: string,
      why: string,
    ): Promise<SigningKeyView> {
      const now = clock.now().toISOString();
      const fingerprint = fingerprintOf(publicKey);
      const existing = (await trx('signing_keys').where({ public_key: publicKey }).first()) as
        Record<string, unknown> | undefined;
      if (existing) return keyRow(existing);
      await trx('signing_keys')
        .where({ supervisor_id: supervisorId })
        .whereNull('retired_at')
        .update({ retired_at: now, retired_reason: why });
      const id = insertedId(
        await trx('signing_keys')
          .insert({
            supervisor_id: supervisorId,
            user_id: userId,
            public_key: publicKey,
            fingerprint,
            created_at: now,
          })
          .returning('id'),
      );
      const view = keyRow(
        (await trx('signing_keys').where({ id }).first()) as Record<string, unknown>,
      );
      await audit.append(trx, {
        action: 'create',
        entity: 'signing_keys',
        entityId: view.id,
        subjectType: 'supervisor',
        subjectId: supervisorId,
        after: { fingerprint, supervisorId, userId },
        detail: why,
      });
      return view;
    },

    async keysOf(supervisorId: number): Promise<SigningKeyView[]> {
      return (
        (await db('signing_keys').where({ supervisor_id: supervisorId }).orderBy('id')) as Record<
          string,
          unknown
        >[]
      ).map(keyRow);
    },

    async allKeys(): Promise<SigningKeyView[]> {
      return ((await db('signing_keys').orderBy('id')) as Record<string, unknown>[]).map(keyRow);
    },

    check: (row: SignatureRow, q: Q = db) => checks.check(q, row),
    checkAll: checks.checkAll,
  };
}

export type WeekSignatures = ReturnType<typeof makeWeekSignatures>;
