import type { Q } from '../query.js';

/** `privacy_notices`: published versions of the practice's privacy notice. */
export type PrivacyNoticeRow = {
  id: number;
  version: string;
  published_on: string;
  body: string;
  created_at: string;
};

/** `notice_acknowledgements`: which account acknowledged which notice version, and when. */
export type AcknowledgementRow = {
  id: number;
  user_id: number;
  notice_id: number;
  acknowledged_at: string;
};

/** Whether a notice already has `version`, compared case-insensitively. */
export async function noticeVersionTaken(q: Q, version: string): Promise<boolean> {
  const row = await q('privacy_notices')
    .whereRaw('lower(version) = lower(?)', [version])
    .first('id');
  return row !== undefined;
}
