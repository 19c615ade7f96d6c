import type { Worker } from '../../../shared/domain/records.js';
import { bool, num, optStr, str, type SqlBool } from './columns.js';

/** `workers`: the people whose hours are logged, identified by registration and by email. */
export type WorkerRow = {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  title: string | null;
  registration_number: string | null;
  registration_expires: string | null;
  start_date: string;
  end_date: string | null;
  degree: string | null;
  school: string | null;
  graduation_date: string | null;
  active: SqlBool;
  /** The requirement pack the worker follows (null: the practice's default). */
  pack_id: string | null;
  /** Normalised registration number; null when none, or for a duplicate from before the rule. */
  registration_key: string | null;
  email_key: string | null;
  created_at: string;
  updated_at: string;
};

export const workerFromRow = (r: WorkerRow): Worker => ({
  id: num(r.id),
  firstName: str(r.first_name),
  lastName: str(r.last_name),
  email: str(r.email),
  phone: optStr(r.phone),
  title: optStr(r.title),
  registrationNumber: optStr(r.registration_number),
  registrationExpires: optStr(r.registration_expires),
  startDate: str(r.start_date),
  endDate: optStr(r.end_date),
  degree: optStr(r.degree),
  school: optStr(r.school),
  graduationDate: optStr(r.graduation_date),
  active: bool(r.active),
});
