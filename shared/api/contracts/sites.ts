import { z } from 'zod';
import { type Site } from '../../domain/records.js';
import { ANY_ROLE, result, withId, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

const siteFields = {
  name: f.name(),
  address: f.optionalText(300),
  phone: f.optionalText(40),
};

/** The practice's sites. */
export const sitesContract = {
  'sites.list': { reads: ['sites'], input: f.empty(), roles: ANY_ROLE, result: result<Site[]>() },
  'sites.create': ownerWrite(['sites'], z.object(siteFields).strict(), result<Site>()),
  'sites.update': ownerWrite(
    ['sites'],
    withId({ ...siteFields, active: z.boolean() }),
    result<Site>(),
  ),
} as const satisfies Record<string, ContractEntry>;
