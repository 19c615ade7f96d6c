import type {
  Assignment,
  LicenseType,
  Practice,
  Site,
  Supervisor,
  Worker,
} from '../../shared/domain/records.js';

/** Column names are snake_case in SQL and camelCase in the API; these are the only translators. */

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v);
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';

export const practiceFromRow = (r: Row): Practice => ({
  id: num(r.id),
  name: str(r.name),
  createdAt: str(r.created_at),
});

export const siteFromRow = (r: Row): Site => ({
  id: num(r.id),
  name: str(r.name),
  address: optStr(r.address),
  phone: optStr(r.phone),
  active: bool(r.active),
});

export const supervisorFromRow = (r: Row): Supervisor => ({
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

export const workerFromRow = (r: Row): Worker => ({
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
  active: bool(r.active),
});

export const assignmentFromRow = (r: Row): Assignment => ({
  id: num(r.id),
  workerId: num(r.worker_id),
  supervisorId: num(r.supervisor_id),
  siteId: num(r.site_id),
  startDate: str(r.start_date),
  endDate: optStr(r.end_date),
  agreementSignedOn: optStr(r.agreement_signed_on),
});
