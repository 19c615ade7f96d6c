import { AppError, validationError } from '../../../shared/errors.js';
import {
  ENROLMENT_FORMAT,
  enrolmentRequestSchema,
  signingKeyAad,
  type EnrolmentRequest,
} from '../../../shared/domain/review-files.js';
import type {
  EnrolmentPreview,
  ReviewerEnrolmentView,
} from '../../../shared/domain/review-views.js';
import {
  activeEnrolmentOf,
  allEnrolments,
  enrolmentsOfReviewer,
  insertEnrolment,
  revokeEnrolments,
  type ReviewerEnrolmentRow,
} from '../../db/tables/reviewer-enrolments.js';
import {
  keyPairFingerprint,
  openSigningKey,
  verifyEnrolmentRequest,
} from '../../platform/review-crypto.js';
import { publicKeyOf } from '../../platform/signing.js';
import { wipe } from '../../platform/crypto.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import type { Vault } from '../vault.js';
import type { WeekSignatures } from '../week-signatures.js';
import { checkShape, fileRefused, parseJsonFile } from './file-errors.js';

const WHAT = 'a Hourkeep enrolment request (.hkenrol)';

/** An enrolment request read and its signature checked: the reviewer holds the key it names. */
export function readEnrolmentRequest(fileName: string, base64: string): EnrolmentRequest {
  const request = checkShape(
    fileName,
    parseJsonFile(fileName, base64, WHAT),
    enrolmentRequestSchema,
    WHAT,
    ENROLMENT_FORMAT,
  );
  if (!verifyEnrolmentRequest(request))
    throw fileRefused(
      fileName,
      'the request was changed after the reviewer’s computer made it: its signature does not match its keys and details (tampered).',
    );
  return request;
}

type SupervisorRow = {
  id: number;
  first_name: string;
  last_name: string;
  email: string | null;
};

const fold = (s: string | null | undefined) => (s ?? '').normalize('NFKC').trim().toLowerCase();

export const enrolmentView = (
  r: ReviewerEnrolmentRow,
  supervisorName: string,
): ReviewerEnrolmentView => ({
  id: Number(r.id),
  supervisorId: Number(r.supervisor_id),
  supervisorName,
  reviewerId: r.reviewer_id,
  name: r.name,
  email: r.email,
  fingerprint: r.fingerprint,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
});

/**
 * Enrolling a supervisor's own computer (issue 20): the owner imports its enrolment request,
 * both screens show the same fingerprint, and the practice records its public keys: the
 * signing key in signing_keys (so every existing signature check knows it) and the box key in
 * reviewer_enrolments (what packets are sealed to). With `adopt`, the supervisor's workstation
 * account takes the same signing key, so signatures from both places verify against one key.
 */
export function makeReviewerEnrolment(
  { db, clock, audit }: CorePorts,
  deps: { signatures: Pick<WeekSignatures, 'recordKey'>; vault: Vault },
) {
  const supervisors = async (): Promise<SupervisorRow[]> =>
    (await db('supervisors')
      .orderBy(['last_name', 'first_name', 'id'])
      .select('id', 'first_name', 'last_name', 'email')) as SupervisorRow[];

  const nameOf = (s: SupervisorRow) => `${s.first_name} ${s.last_name}`;

  return {
    async preview(fileName: string, base64: string): Promise<EnrolmentPreview> {
      const request = readEnrolmentRequest(fileName, base64);
      const all = await supervisors();
      const accounts = new Set(
        (
          (await db('users')
            .whereNotNull('supervisor_id')
            .where({ disabled: false })
            .select('supervisor_id')) as { supervisor_id: number }[]
        ).map((u) => Number(u.supervisor_id)),
      );
      const match = (s: SupervisorRow): 'email' | 'name' | null =>
        request.email && fold(s.email) === fold(request.email)
          ? 'email'
          : fold(nameOf(s)) === fold(request.name)
            ? 'name'
            : null;
      const rank = { email: 0, name: 1 } as const;
      const candidates = all
        .map((s) => ({
          supervisorId: Number(s.id),
          name: nameOf(s),
          email: s.email,
          hasAccount: accounts.has(Number(s.id)),
          match: match(s),
        }))
        .sort((a, b) => (a.match ? rank[a.match] : 2) - (b.match ? rank[b.match] : 2));
      const enrolled = (await enrolmentsOfReviewer(db, request.reviewerId)).find(
        (e) => e.revoked_at === null,
      );
      return {
        fileName,
        reviewerId: request.reviewerId,
        name: request.name,
        email: request.email,
        createdAt: request.createdAt,
        fingerprint: keyPairFingerprint(request.signingPublicKey, request.boxPublicKey),
        candidates,
        enrolledFor: enrolled ? Number(enrolled.supervisor_id) : null,
      };
    },

    async enrol(
      user: SessionUser,
      input: {
        name: string;
        base64: string;
        supervisorId: number;
        adopt?: { reviewerPassword: string; accountPassword: string } | undefined;
      },
    ): Promise<ReviewerEnrolmentView> {
      const request = readEnrolmentRequest(input.name, input.base64);
      const supervisor = (await db('supervisors')
        .where({ id: input.supervisorId })
        .first('id', 'first_name', 'last_name', 'email')) as SupervisorRow | undefined;
      if (!supervisor) throw validationError({ supervisorId: 'No such supervisor' });
      const fingerprint = keyPairFingerprint(request.signingPublicKey, request.boxPublicKey);
      const other = (await enrolmentsOfReviewer(db, request.reviewerId)).find(
        (e) => e.revoked_at === null,
      );
      if (other && Number(other.supervisor_id) !== input.supervisorId)
        throw new AppError(
          'conflict',
          `This reviewer computer is already enrolled for another supervisor (record ${other.supervisor_id}); revoke that enrolment first.`,
        );
      if (other && other.signing_public_key === request.signingPublicKey)
        throw new AppError(
          'conflict',
          `This reviewer computer is already enrolled for ${nameOf(supervisor)}.`,
        );
      const keyOwner = (await db('signing_keys')
        .where({ public_key: request.signingPublicKey })
        .first('supervisor_id')) as { supervisor_id: number } | undefined;
      if (keyOwner && Number(keyOwner.supervisor_id) !== input.supervisorId)
        throw new AppError(
          'conflict',
          'This signing key is already recorded for another supervisor; it cannot be enrolled for this one.',
        );
      const account = (await db('users')
        .where({ supervisor_id: input.supervisorId, disabled: false })
        .first('id', 'username')) as { id: number; username: string } | undefined;

      // Adopting the key: both passwords are checked before anything is written.
      let adopted: Buffer | null = null;
      if (input.adopt) {
        if (!account)
          throw validationError({
            adopt: `${nameOf(supervisor)} has no workstation account, so there is no key slot to put the key in`,
          });
        adopted = await openSigningKey(
          request.sealedSigningKey,
          input.adopt.reviewerPassword,
          signingKeyAad(request.reviewerId, request.signingPublicKey),
        );
        if (!adopted || publicKeyOf(adopted) !== request.signingPublicKey) {
          wipe(adopted);
          throw validationError({
            'adopt.reviewerPassword': 'This is not the password of the reviewer profile',
          });
        }
        const attempt = await deps.vault.attempt(account.username, input.adopt.accountPassword);
        if (!attempt.ok) {
          wipe(adopted);
          throw validationError({
            'adopt.accountPassword': `This is not the workstation password of ${account.username}`,
          });
        }
        wipe(attempt.signing?.privateKey);
      }

      try {
        return await db.transaction(async (trx) => {
          const now = clock.now().toISOString();
          const revoked = await revokeEnrolments(trx, input.supervisorId, now);
          const id = await insertEnrolment(trx, {
            supervisor_id: input.supervisorId,
            reviewer_id: request.reviewerId,
            name: request.name,
            email: request.email,
            signing_public_key: request.signingPublicKey,
            box_public_key: request.boxPublicKey,
            fingerprint,
            enrolled_at: now,
            enrolled_by: user.id,
          });
          await audit.append(trx, {
            action: 'create',
            entity: 'reviewer_enrolments',
            entityId: id,
            subjectType: 'supervisor',
            subjectId: input.supervisorId,
            after: {
              reviewerId: request.reviewerId,
              fingerprint,
              adopted: adopted !== null,
              revoked,
            },
            detail: `reviewer computer of ${nameOf(supervisor)} enrolled (fingerprint ${fingerprint})`,
          });
          await deps.signatures.recordKey(
            trx,
            input.supervisorId,
            account?.id ?? user.id,
            request.signingPublicKey,
            `reviewer computer enrolled (${fingerprint})`,
          );
          // Last, so a failure to write the key file rolls the enrolment back.
          if (adopted && account && input.adopt)
            await deps.vault.setPassword(account, input.adopt.accountPassword, {
              publicKey: request.signingPublicKey,
              privateKey: adopted,
            });
          const row = (await trx('reviewer_enrolments')
            .where({ id })
            .first()) as ReviewerEnrolmentRow;
          return enrolmentView(row, nameOf(supervisor));
        });
      } finally {
        wipe(adopted);
      }
    },

    async list(): Promise<ReviewerEnrolmentView[]> {
      const names = new Map((await supervisors()).map((s) => [Number(s.id), nameOf(s)]));
      return (await allEnrolments(db)).map((r) =>
        enrolmentView(r, names.get(Number(r.supervisor_id)) ?? ''),
      );
    },

    async revoke(supervisorId: number): Promise<void> {
      const active = await activeEnrolmentOf(db, supervisorId);
      if (!active)
        throw new AppError('conflict', 'This supervisor has no enrolled reviewer computer.');
      await db.transaction(async (trx) => {
        const ids = await revokeEnrolments(trx, supervisorId, clock.now().toISOString());
        for (const id of ids)
          await audit.append(trx, {
            action: 'update',
            entity: 'reviewer_enrolments',
            entityId: id,
            subjectType: 'supervisor',
            subjectId: supervisorId,
            after: { revoked: true },
            detail: 'reviewer computer revoked: its decision files are refused from now on',
          });
      });
    },
  };
}

export type ReviewerEnrolment = ReturnType<typeof makeReviewerEnrolment>;
