import type { Site } from '../../../shared/domain/records.js';
import { bool, num, optStr, str, type SqlBool } from './columns.js';

/** `sites`: the places hours are logged at. */
export type SiteRow = {
  id: number;
  name: string;
  address: string | null;
  phone: string | null;
  active: SqlBool;
  created_at: string;
  updated_at: string;
};

export const siteFromRow = (r: SiteRow): Site => ({
  id: num(r.id),
  name: str(r.name),
  address: optStr(r.address),
  phone: optStr(r.phone),
  active: bool(r.active),
});
