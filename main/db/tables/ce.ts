import type { CePersonType } from '../../../shared/domain/ce.js';
import type { Q } from '../query.js';

/** `ce_records`: continuing-education courses taken, with an optional certificate file. */
export type CeRecordRow = {
  id: number;
  person_type: CePersonType;
  person_id: number;
  title: string;
  provider: string;
  date: string;
  minutes: number;
  category: string;
  certificate_name: string | null;
  certificate_type: string | null;
  certificate: Buffer | null;
  created_at: string;
  updated_at: string;
};

/** `ce_cycles`: a person's CE renewal periods and what each requires. */
export type CeCycleRow = {
  id: number;
  person_type: CePersonType;
  person_id: number;
  preset: string;
  start_date: string;
  end_date: string;
  required_minutes: number;
  law_ethics_minutes: number;
  created_at: string;
  updated_at: string;
};

/** Every column but the certificate's bytes, which only the certificate download reads. */
const RECORD_COLUMNS = [
  'id',
  'person_type',
  'person_id',
  'title',
  'provider',
  'date',
  'minutes',
  'category',
  'certificate_name',
  'certificate_type',
  'created_at',
  'updated_at',
] as const;

/** A query of CE records without the certificate bytes, with `has_certificate` (0 or 1). */
export const ceRecordsWithoutFiles = (q: Q) =>
  q('ce_records').select(
    ...RECORD_COLUMNS,
    q.raw('CASE WHEN certificate IS NULL THEN 0 ELSE 1 END AS has_certificate'),
  );
