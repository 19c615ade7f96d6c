import { noticeVersionTaken } from '../../db/tables/privacy-notices.js';
import type { Knex } from 'knex';
import type { Q } from '../../db/query.js';
import { notFound, validationError } from '../../../shared/errors.js';
import type { Clock } from '../../../shared/domain/clock.js';
import { toIsoDate } from '../../../shared/domain/dates.js';
import {
  DEFAULT_NOTICE_BODY,
  DEFAULT_NOTICE_VERSION,
  type NoticeAcknowledgementRow,
  type NoticeStatus,
  type NoticeVersionRow,
  type PrivacyNotice,
} from '../../../shared/domain/privacy/notice.js';
import type { AuditLog } from '../audit.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import { insertedId } from '../../db/dialect/index.js';

interface NoticeRow {
  id: number;
  version: string;
  published_on: string;
  body: string;
}

const fromRow = (r: NoticeRow): PrivacyNotice => ({
  id: Number(r.id),
  version: r.version,
  publishedOn: r.published_on,
  body: r.body,
});

/** Versions are published in date order (publish refuses an earlier date), so the last is current. */
const currentRow = (q: Q) =>
  q('privacy_notices')
    .orderBy([
      { column: 'published_on', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first() as Promise<NoticeRow | undefined>;

async function acknowledge(
  trx: Knex.Transaction,
  deps: { clock: Clock; audit: AuditLog },
  userId: number,
  notice: PrivacyNotice,
): Promise<string> {
  const existing = (await trx('notice_acknowledgements')
    .where({ user_id: userId, notice_id: notice.id })
    .first('acknowledged_at')) as { acknowledged_at: string } | undefined;
  if (existing) return existing.acknowledged_at;
  const at = deps.clock.now().toISOString();
  const id = insertedId(
    await trx('notice_acknowledgements')
      .insert({
        user_id: userId,
        notice_id: notice.id,
        acknowledged_at: at,
      })
      .returning('id'),
  );
  await deps.audit.append(trx, {
    action: 'notice_acknowledged',
    entity: 'notice_acknowledgements',
    entityId: Number(id),
    subjectType: 'user',
    subjectId: userId,
    after: { version: notice.version, acknowledgedAt: at },
  });
  return at;
}

async function insertNotice(
  trx: Knex.Transaction,
  deps: { clock: Clock; audit: AuditLog },
  notice: Omit<PrivacyNotice, 'id'>,
): Promise<PrivacyNotice> {
  const id = insertedId(
    await trx('privacy_notices')
      .insert({
        version: notice.version,
        published_on: notice.publishedOn,
        body: notice.body,
        created_at: deps.clock.now().toISOString(),
      })
      .returning('id'),
  );
  const created = { id: Number(id), ...notice };
  await deps.audit.append(trx, {
    action: 'notice_published',
    entity: 'privacy_notices',
    entityId: created.id,
    after: { version: created.version, publishedOn: created.publishedOn },
  });
  return created;
}

/**
 * Set-up publishes the default notice as version 1.0 and records that the owner, who has just
 * read it in the wizard's last step, acknowledged it; all inside set-up's transaction.
 */
export async function publishDefaultNotice(
  trx: Knex.Transaction,
  deps: { clock: Clock; audit: AuditLog },
  ownerUserId: number,
): Promise<void> {
  if (await currentRow(trx)) return;
  const notice = await insertNotice(trx, deps, {
    version: DEFAULT_NOTICE_VERSION,
    publishedOn: toIsoDate(deps.clock.now()),
    body: DEFAULT_NOTICE_BODY,
  });
  await acknowledge(trx, deps, ownerUserId, notice);
}

/**
 * The privacy notice: its versions, who acknowledged which. After a new version each user
 * acknowledges it once (the renderer holds the app back until they do).
 */
export function makeNoticesService({ db, clock, audit }: CorePorts) {
  const deps = { clock, audit };

  /**
   * A database set up before notices existed (or restored from such a backup) gets the
   * default notice the first time anyone asks, so every install has one to acknowledge.
   */
  async function current(): Promise<PrivacyNotice> {
    const row = await currentRow(db);
    if (row) return fromRow(row);
    return db.transaction(async (trx) => {
      const again = await currentRow(trx);
      if (again) return fromRow(again);
      return insertNotice(trx, deps, {
        version: DEFAULT_NOTICE_VERSION,
        publishedOn: toIsoDate(clock.now()),
        body: DEFAULT_NOTICE_BODY,
      });
    });
  }

  async function status(user: SessionUser): Promise<NoticeStatus> {
    const notice = await current();
    const ack = (await db('notice_acknowledgements')
      .where({ user_id: user.id, notice_id: notice.id })
      .first('acknowledged_at')) as { acknowledged_at: string } | undefined;
    return {
      current: notice,
      acknowledgedAt: ack?.acknowledged_at ?? null,
      mustAcknowledge: !ack,
    };
  }

  return {
    current,
    status,

    /** The renderer names the version it showed, so a newer one published meanwhile is not acknowledged unread. */
    async acknowledge(user: SessionUser, noticeId: number): Promise<NoticeStatus> {
      const notice = await current();
      if (notice.id !== noticeId) {
        const exists = await db('privacy_notices').where({ id: noticeId }).first('id');
        if (!exists) throw notFound('Privacy notice');
        throw validationError(
          { noticeId: `A newer version (${notice.version}) has been published; read it first` },
          'A newer version of the privacy notice has been published; read it first.',
        );
      }
      await db.transaction((trx) => acknowledge(trx, deps, user.id, notice));
      return status(user);
    },

    async versions(): Promise<NoticeVersionRow[]> {
      const cur = await current();
      const rows = (await db('privacy_notices as n')
        .leftJoin('notice_acknowledgements as a', 'a.notice_id', 'n.id')
        .groupBy('n.id')
        .orderBy([
          { column: 'n.published_on', order: 'desc' },
          { column: 'n.id', order: 'desc' },
        ])
        .select('n.id', 'n.version', 'n.published_on', 'n.body')
        .count({ acks: 'a.id' })) as (NoticeRow & { acks: number | string })[];
      return rows.map((r) => ({
        ...fromRow(r),
        acknowledgements: Number(r.acks),
        current: Number(r.id) === cur.id,
      }));
    },

    /** Every account and whether it acknowledged the current version (disabled ones included, marked). */
    async acknowledgements(): Promise<NoticeAcknowledgementRow[]> {
      const cur = await current();
      const rows = (await db('users as u')
        .leftJoin('notice_acknowledgements as a', function join() {
          this.on('a.user_id', '=', 'u.id').andOnVal('a.notice_id', '=', cur.id);
        })
        .orderBy([{ column: 'u.display_name' }, { column: 'u.id' }])
        .select(
          'u.id',
          'u.username',
          'u.display_name',
          'u.role',
          'u.disabled',
          'a.acknowledged_at',
        )) as {
        id: number;
        username: string;
        display_name: string;
        role: NoticeAcknowledgementRow['role'];
        disabled: number | boolean;
        acknowledged_at: string | null;
      }[];
      return rows.map((r) => ({
        userId: Number(r.id),
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        disabled: Boolean(r.disabled),
        acknowledgedAt: r.acknowledged_at ?? null,
      }));
    },

    /** The publishing owner wrote it, so their acknowledgement is recorded with it. */
    async publish(
      user: SessionUser,
      i: { version: string; publishedOn: string; body: string },
    ): Promise<PrivacyNotice> {
      const today = toIsoDate(clock.now());
      const before = await current();
      const fields: Record<string, string> = {};
      if (await noticeVersionTaken(db, i.version))
        fields.version = `Version ${i.version} already exists; use a new version`;
      if (i.publishedOn > today) fields.publishedOn = 'Cannot be in the future';
      else if (i.publishedOn < before.publishedOn)
        fields.publishedOn = `Must be on or after the current version's date (${before.publishedOn})`;
      if (i.body.trim() === before.body.trim())
        fields.body = 'This is the same text as the current version';
      if (Object.keys(fields).length) throw validationError(fields);
      return db.transaction(async (trx) => {
        const notice = await insertNotice(trx, deps, i);
        await acknowledge(trx, deps, user.id, notice);
        return notice;
      });
    },
  };
}

export type NoticesService = ReturnType<typeof makeNoticesService>;
