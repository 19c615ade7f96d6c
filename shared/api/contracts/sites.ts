import { z } from 'zod';
import { type Site } from '../../domain/records.js';
import { ANY_ROLE, OWNER, result, withId, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

const siteFields = {
  name: f.name(),
  address: f.optionalText(300),
  phone: f.optionalText(40),
};

/** The practice's sites. */
export const sitesContract = {
  'sites.list': { reads: ['sites'], input: f.empty(), roles: ANY_ROLE, result: result<Site[]>() },
  'sites.create': {
    changes: ['audit_log', 'sites'],
    input: z.object(siteFields).strict(),
    roles: OWNER,
    result: result<Site>(),
  },
  'sites.update': {
    changes: ['audit_log', 'sites'],
    input: withId({ ...siteFields, active: z.boolean() }),
    roles: OWNER,
    result: result<Site>(),
  },
} as const satisfies Record<string, ContractEntry>;
