import type { ApiParsed } from '../../shared/api/contract.js';
import { siteFromRow, supervisorFromRow, workerFromRow } from '../db/rows.js';
import type { CorePorts } from './ports.js';
import { recordsTable } from './records-table.js';
import { assertEmploymentCoversRecords } from './employment.js';
import { identityKeys } from './identity.js';

type SiteInput = ApiParsed<'sites.create'> & { active?: boolean };
type SupervisorInput = ApiParsed<'supervisors.create'> & { active?: boolean };
type WorkerInput = ApiParsed<'workers.create'> & { active?: boolean };

/** Sites, supervisors and workers: the people and places hours are logged against. */
export function makePeopleService(ports: CorePorts) {
  const sites = recordsTable<SiteInput, ReturnType<typeof siteFromRow>>(ports, {
    table: 'sites',
    label: 'Site',
    orderBy: ['name', 'id'],
    fromRow: siteFromRow,
    toRow: (i) => ({ name: i.name, address: i.address, phone: i.phone, active: i.active ?? true }),
  });

  const supervisors = recordsTable<SupervisorInput, ReturnType<typeof supervisorFromRow>>(ports, {
    table: 'supervisors',
    label: 'Supervisor',
    subjectType: 'supervisor',
    orderBy: ['last_name', 'first_name', 'id'],
    fromRow: supervisorFromRow,
    prepare: (trx, row, _i, id) => identityKeys(trx, 'supervisors', row, id),
    toRow: (i) => ({
      first_name: i.firstName,
      last_name: i.lastName,
      email: i.email,
      phone: i.phone,
      license_type: i.licenseType,
      license_number: i.licenseNumber,
      license_state: i.licenseState,
      license_expires: i.licenseExpires,
      active: i.active ?? true,
    }),
  });

  const workers = recordsTable<WorkerInput, ReturnType<typeof workerFromRow>>(ports, {
    table: 'workers',
    label: 'Worker',
    subjectType: 'worker',
    orderBy: ['last_name', 'first_name', 'id'],
    fromRow: workerFromRow,
    prepare: async (trx, row, i, id) => {
      await assertEmploymentCoversRecords(trx, i, id);
      return identityKeys(trx, 'workers', row, id);
    },
    toRow: (i) => ({
      first_name: i.firstName,
      last_name: i.lastName,
      email: i.email,
      phone: i.phone,
      title: i.title,
      registration_number: i.registrationNumber,
      registration_expires: i.registrationExpires,
      start_date: i.startDate,
      end_date: i.endDate,
      degree: i.degree,
      school: i.school,
      graduation_date: i.graduationDate,
      active: i.active ?? true,
    }),
  });

  return { sites, supervisors, workers };
}

export type PeopleService = ReturnType<typeof makePeopleService>;
