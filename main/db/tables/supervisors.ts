import type { LicenseType, Supervisor } from '../../../shared/domain/records.js';
import { bool, num, optStr, str, type SqlBool } from './columns.js';

/** `supervisors`: licensed supervisors, identified by licence and by email (identity keys). */
export type SupervisorRow = {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  license_type: LicenseType;
  license_number: string;
  license_state: string;
  license_expires: string;
  active: SqlBool;
  /** Normalised licence number and state; null for a duplicate from before the rule. */
  license_key: string | null;
  email_key: string | null;
  created_at: string;
  updated_at: string;
};

export const supervisorFromRow = (r: SupervisorRow): Supervisor => ({
  id: num(r.id),
  firstName: str(r.first_name),
  lastName: str(r.last_name),
  email: str(r.email),
  phone: optStr(r.phone),
  licenseType: str(r.license_type) as LicenseType,
  licenseNumber: str(r.license_number),
  licenseState: str(r.license_state),
  licenseExpires: str(r.license_expires),
  active: bool(r.active),
});
