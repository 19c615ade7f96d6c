import type { Knex } from 'knex';
import { ceRecordsWithoutFiles } from '../db/tables/ce.js';
import type { Q } from '../db/query.js';
import type { ApiParsed } from '../../shared/api/contract.js';
import type { CeCertificateParsed } from '../../shared/api/contracts/ce.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import {
  CERTIFICATE_DISCLOSURE_FORMATS,
  CE_PRESET_DEFINITIONS,
  ceStatusOf,
  type CeCategory,
  type CeCertificateFile,
  type CeCertificateType,
  type CeCompliance,
  type CeCycle,
  type CeOverviewRow,
  type CePerson,
  type CePersonType,
  type CePreset,
  type CeRecord,
} from '../../shared/domain/ce.js';
import { toIsoDate } from '../../shared/domain/dates.js';
import { formatMinutes } from '../../shared/domain/format.js';
import { recordDisclosure } from './privacy/disclosures.js';
import type { CorePorts } from './ports.js';
import type { makeScope } from './scope.js';
import type { SessionUser } from './session.js';
import { insertedId } from '../db/dialect/index.js';

type Row = Record<string, unknown>;
type RecordFields = Omit<ApiParsed<'ce.update'>, 'id'>;
type CycleInput = ApiParsed<'ce.cycles.save'>;

const PERSON_TABLE: Record<CePersonType, { table: string; label: string; expires: string }> = {
  worker: { table: 'workers', label: 'Worker', expires: 'registration_expires' },
  supervisor: { table: 'supervisors', label: 'Supervisor', expires: 'license_expires' },
};

const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const recordFromRow = (r: Row): CeRecord => ({
  id: Number(r.id),
  personType: String(r.person_type) as CePersonType,
  personId: Number(r.person_id),
  title: String(r.title),
  provider: String(r.provider),
  date: String(r.date),
  minutes: Number(r.minutes),
  category: String(r.category) as CeCategory,
  certificateName: optStr(r.certificate_name),
  certificateType: optStr(r.certificate_type),
  hasCertificate: Boolean(Number(r.has_certificate)),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

const cycleFromRow = (r: Row): CeCycle => ({
  id: Number(r.id),
  personType: String(r.person_type) as CePersonType,
  personId: Number(r.person_id),
  preset: String(r.preset) as CePreset,
  startDate: String(r.start_date),
  endDate: String(r.end_date),
  requiredMinutes: Number(r.required_minutes),
  lawEthicsMinutes: Number(r.law_ethics_minutes),
});

const personWhere = (p: CePerson) => ({ person_type: p.personType, person_id: p.personId });
const subject = (p: CePerson) => ({ subjectType: p.personType, subjectId: p.personId });

/**
 * Continuing education for workers and supervisors alike. Dispatch's scope check knows worker
 * ids only, so every call naming a person also passes `assertMayAct` here, which covers the
 * supervisor records (a supervisor's own; nobody else's but the owner's).
 */
export function makeCeService(
  { db, clock, audit }: CorePorts,
  deps: { scope: ReturnType<typeof makeScope> },
) {
  const today = () => toIsoDate(clock.now());

  const records = ceRecordsWithoutFiles;

  async function loadRecord(q: Q, id: number): Promise<CeRecord> {
    const row = (await records(q).where({ id }).first()) as Row | undefined;
    if (!row) throw notFound('CE record');
    return recordFromRow(row);
  }

  async function loadCycle(q: Q, id: number): Promise<CeCycle> {
    const row = (await q('ce_cycles').where({ id }).first()) as Row | undefined;
    if (!row) throw notFound('CE cycle');
    return cycleFromRow(row);
  }

  /** Deletes a record or cycle and audits it as a change to its person's data. */
  function removeAudited(
    table: 'ce_records' | 'ce_cycles',
    load: (q: Q, id: number) => Promise<CePerson>,
    id: number,
  ): Promise<{ id: number }> {
    return db.transaction(async (trx) => {
      const before = await load(trx, id);
      await trx(table).where({ id }).delete();
      await audit.append(trx, {
        action: 'delete',
        entity: table,
        entityId: id,
        ...subject(before),
        before,
      });
      return { id };
    });
  }

  async function assertPersonExists(q: Q, p: CePerson): Promise<Row> {
    const spec = PERSON_TABLE[p.personType];
    const row = (await q(spec.table).where({ id: p.personId }).first()) as Row | undefined;
    if (!row) throw notFound(spec.label);
    return row;
  }

  async function mayAct(user: SessionUser, p: CePerson): Promise<boolean> {
    if (user.role === 'owner') return true;
    if (p.personType === 'supervisor') {
      return user.role === 'supervisor' && user.supervisorId === p.personId;
    }
    return deps.scope.canActOnWorker(user, p.personId);
  }

  async function cyclesOf(q: Q, p: CePerson): Promise<CeCycle[]> {
    const rows = (await q('ce_cycles')
      .where(personWhere(p))
      .orderBy([{ column: 'start_date' }, { column: 'id' }])) as Row[];
    return rows.map(cycleFromRow);
  }

  async function recordsOf(q: Q, p: CePerson): Promise<CeRecord[]> {
    const rows = (await records(q)
      .where(personWhere(p))
      .orderBy([
        { column: 'date', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])) as Row[];
    return rows.map(recordFromRow);
  }

  function checkDate(date: string) {
    if (date > today()) throw validationError({ date: 'The date is in the future' });
  }

  /** The certificate columns for a write: a new file, none (null), or unchanged (undefined). */
  function certificateColumns(c: CeCertificateParsed | null | undefined): Row {
    if (c === undefined) return {};
    if (c === null) return { certificate_name: null, certificate_type: null, certificate: null };
    return {
      certificate_name: c.name,
      certificate_type: c.mimeType,
      certificate: Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength),
    };
  }

  const recordColumns = (i: RecordFields): Row => ({
    title: i.title,
    provider: i.provider,
    date: i.date,
    minutes: i.minutes,
    category: i.category,
    ...certificateColumns(i.certificate),
  });

  /** A preset's figures are fixed; a custom cycle brings its own. */
  function requirement(i: CycleInput): { requiredMinutes: number; lawEthicsMinutes: number } {
    if (i.preset === 'custom') {
      const fields: Record<string, string> = {};
      if (i.requiredMinutes === undefined) fields.requiredMinutes = 'Required';
      if (i.lawEthicsMinutes === undefined) fields.lawEthicsMinutes = 'Required';
      if (Object.keys(fields).length) throw validationError(fields);
      return { requiredMinutes: i.requiredMinutes ?? 0, lawEthicsMinutes: i.lawEthicsMinutes ?? 0 };
    }
    const def = CE_PRESET_DEFINITIONS[i.preset];
    const fields: Record<string, string> = {};
    if (i.requiredMinutes !== undefined && i.requiredMinutes !== def.requiredMinutes) {
      fields.requiredMinutes = `This preset requires ${formatMinutes(def.requiredMinutes)}; choose Custom to change it`;
    }
    if (i.lawEthicsMinutes !== undefined && i.lawEthicsMinutes !== def.lawEthicsMinutes) {
      fields.lawEthicsMinutes = `This preset requires ${formatMinutes(def.lawEthicsMinutes)}; choose Custom to change it`;
    }
    if (Object.keys(fields).length) throw validationError(fields);
    return { requiredMinutes: def.requiredMinutes, lawEthicsMinutes: def.lawEthicsMinutes };
  }

  async function checkCycle(trx: Knex.Transaction, i: CycleInput, req: RequirementOf) {
    const fields: Record<string, string> = {};
    if (i.endDate <= i.startDate) fields.endDate = 'Must be after the start date';
    if (req.lawEthicsMinutes > req.requiredMinutes) {
      fields.lawEthicsMinutes = 'Cannot be more than the total hours required';
    }
    if (Object.keys(fields).length) throw validationError(fields);
    // One cycle at a time, so "the current cycle" is never ambiguous.
    const overlap = trx('ce_cycles')
      .where(personWhere(i))
      .where('start_date', '<=', i.endDate)
      .where('end_date', '>=', i.startDate);
    if (i.id !== undefined) overlap.whereNot({ id: i.id });
    const clash = (await overlap.first('start_date', 'end_date')) as Row | undefined;
    if (clash) {
      throw validationError({
        startDate: `Overlaps the cycle ${String(clash.start_date)} to ${String(clash.end_date)}`,
      });
    }
  }

  return {
    /** Refuses (audited, like dispatch's refusals) a person outside the caller's scope. */
    async assertMayAct(user: SessionUser | null, p: CePerson, what: string): Promise<void> {
      if (!user || (await mayAct(user, p))) return;
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'forbidden',
          detail: `${what}: ${p.personType} ${p.personId} is outside the caller's scope`,
        }),
      );
      throw new AppError(
        'forbidden',
        'This record is outside what your account can see or change.',
      );
    },

    /** The person a record belongs to, for the scope check before it is touched. */
    recordPerson: async (id: number): Promise<CePerson> => loadRecord(db, id),
    cyclePerson: async (id: number): Promise<CePerson> => loadCycle(db, id),

    async list(p: CePerson): Promise<CeRecord[]> {
      await assertPersonExists(db, p);
      const list = await recordsOf(db, p);
      await db.transaction((trx) =>
        audit.append(trx, { action: 'view', entity: 'ce_records', ...subject(p) }),
      );
      return list;
    },

    async create(p: CePerson, i: RecordFields): Promise<CeRecord> {
      checkDate(i.date);
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await assertPersonExists(trx, p);
        const id = insertedId(
          await trx('ce_records')
            .insert({
              ...personWhere(p),
              ...recordColumns(i),
              created_at: now,
              updated_at: now,
            })
            .returning('id'),
        );
        const after = await loadRecord(trx, Number(id));
        await audit.append(trx, {
          action: 'create',
          entity: 'ce_records',
          entityId: after.id,
          ...subject(p),
          after,
        });
        return after;
      });
    },

    async update(id: number, i: RecordFields): Promise<CeRecord> {
      checkDate(i.date);
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = await loadRecord(trx, id);
        await trx('ce_records')
          .where({ id })
          .update({ ...recordColumns(i), updated_at: now });
        const after = await loadRecord(trx, id);
        await audit.append(trx, {
          action: 'update',
          entity: 'ce_records',
          entityId: id,
          ...subject(before),
          before,
          after,
        });
        return after;
      });
    },

    remove: (id: number) => removeAudited('ce_records', loadRecord, id),

    /**
     * Handing out a certificate's file is an export of the person's record: audited, and logged
     * as a disclosure in the same transaction, so no file leaves without its record.
     */
    async certificate(
      id: number,
      /** Null: the person's own copy, their own access, audited but not a disclosure. */
      disclosure: { recipient: string; purpose: string } | null,
    ): Promise<CeCertificateFile> {
      return db.transaction(async (trx) => {
        const row = (await trx('ce_records')
          .where({ id })
          .first(
            'person_type',
            'person_id',
            'certificate_name',
            'certificate_type',
            'certificate',
          )) as Row | undefined;
        if (!row) throw notFound('CE record');
        if (row.certificate === null || row.certificate === undefined) {
          throw notFound('Certificate');
        }
        const bytes = row.certificate as Buffer;
        const fileName = String(row.certificate_name);
        await audit.append(trx, {
          action: 'export',
          entity: 'ce_records',
          entityId: id,
          subjectType: String(row.person_type) as CePersonType,
          subjectId: Number(row.person_id),
          detail: `certificate ${fileName}${disclosure ? '' : " (the person's own copy)"}`,
        });
        const mimeType = String(row.certificate_type);
        if (disclosure)
          await recordDisclosure(trx, audit, {
            ...disclosure,
            people: [
              {
                personType: String(row.person_type) as CePersonType,
                personId: Number(row.person_id),
              },
            ],
            categories: ['ce'],
            format: CERTIFICATE_DISCLOSURE_FORMATS[mimeType as CeCertificateType],
            document: 'ce-certificate',
          });
        return {
          fileName,
          mimeType,
          base64: bytes.toString('base64'),
        };
      });
    },

    async cycles(p: CePerson): Promise<CeCycle[]> {
      await assertPersonExists(db, p);
      return cyclesOf(db, p);
    },

    async saveCycle(i: CycleInput): Promise<CeCycle> {
      const req = requirement(i);
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await assertPersonExists(trx, i);
        const before = i.id === undefined ? null : await loadCycle(trx, i.id);
        if (before && (before.personType !== i.personType || before.personId !== i.personId)) {
          throw validationError({ personId: 'A cycle cannot move to another person' });
        }
        await checkCycle(trx, i, req);
        const columns = {
          preset: i.preset,
          start_date: i.startDate,
          end_date: i.endDate,
          required_minutes: req.requiredMinutes,
          law_ethics_minutes: req.lawEthicsMinutes,
          updated_at: now,
        };
        let id: number;
        if (before) {
          id = before.id;
          await trx('ce_cycles').where({ id }).update(columns);
        } else {
          const newId = insertedId(
            await trx('ce_cycles')
              .insert({
                ...personWhere(i),
                ...columns,
                created_at: now,
              })
              .returning('id'),
          );
          id = Number(newId);
        }
        const after = await loadCycle(trx, id);
        await audit.append(trx, {
          action: before ? 'update' : 'create',
          entity: 'ce_cycles',
          entityId: id,
          ...subject(after),
          ...(before ? { before } : {}),
          after,
        });
        return after;
      });
    },

    removeCycle: (id: number) => removeAudited('ce_cycles', loadCycle, id),

    async status(p: CePerson): Promise<CeCompliance> {
      await assertPersonExists(db, p);
      return ceStatusOf(await cyclesOf(db, p), await recordsOf(db, p), today());
    },

    /** Everyone the caller may see: the owner all; a supervisor themselves and supervisees. */
    async overview(user: SessionUser): Promise<CeOverviewRow[]> {
      const visibleWorkers = await deps.scope.visibleWorkerIds(user);
      const workers = db('workers').select('*');
      if (visibleWorkers !== 'all') workers.whereIn('id', visibleWorkers);
      // Supervisors first, then workers, each by last name as the practice's lists are kept.
      workers.orderBy(['last_name', 'first_name', 'id']);
      const supervisors = db('supervisors').select('*').orderBy(['last_name', 'first_name', 'id']);
      if (user.role !== 'owner') supervisors.where({ id: user.supervisorId ?? -1 });
      const people: { p: CePerson; row: Row }[] = [
        ...((await supervisors) as Row[]).map((row) => ({
          p: { personType: 'supervisor' as const, personId: Number(row.id) },
          row,
        })),
        ...((await workers) as Row[]).map((row) => ({
          p: { personType: 'worker' as const, personId: Number(row.id) },
          row,
        })),
      ];
      const [allCycles, allRecords] = await Promise.all([
        db('ce_cycles').select('*') as Promise<Row[]>,
        records(db) as Promise<Row[]>,
      ]);
      const key = (type: unknown, id: unknown) => `${String(type)}:${String(id)}`;
      const group = <T>(rows: Row[], map: (r: Row) => T) => {
        const byPerson = new Map<string, T[]>();
        for (const r of rows) {
          const k = key(r.person_type, r.person_id);
          byPerson.set(k, [...(byPerson.get(k) ?? []), map(r)]);
        }
        return byPerson;
      };
      const cycles = group(allCycles, cycleFromRow);
      const recs = group(allRecords, recordFromRow);
      const day = today();
      return people.map(({ p, row }) => {
        const k = key(p.personType, p.personId);
        const expires = row[PERSON_TABLE[p.personType].expires];
        return {
          ...p,
          name: `${String(row.first_name)} ${String(row.last_name)}`,
          expires: optStr(expires),
          active: row.active === true || Number(row.active) === 1,
          compliance: ceStatusOf(cycles.get(k) ?? [], recs.get(k) ?? [], day),
        };
      });
    },
  };
}

type RequirementOf = { requiredMinutes: number; lawEthicsMinutes: number };

export type CeService = ReturnType<typeof makeCeService>;
