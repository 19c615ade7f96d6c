import { z } from 'zod';
import { type PackDetail, type PackSummary } from '../../domain/progress-view.js';
import { ANY_ROLE, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

export const packId = () =>
  f.textField({ max: 80, notText: 'Choose a pack' }, (s) => s.min(1, { error: 'Choose a pack' }));

/** The pack as JSON; its own schema (shared/domain/packs/schema.ts) is checked by the service. */
const packJson = () => f.jsonDocument();

/** Requirement packs: the hours a licence asks for, built in or the practice's own. */
export const packsContract = {
  'packs.list': {
    reads: ['custom_packs', 'supervision_assignments', 'workers'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<PackSummary[]>(),
  },
  'packs.get': {
    reads: ['custom_packs', 'supervision_assignments', 'workers'],
    input: z.object({ id: packId() }).strict(),
    roles: ANY_ROLE,
    result: result<PackDetail>(),
  },
  'packs.create': ownerWrite(
    ['custom_packs'],
    z.object({ pack: packJson(), basedOn: packId().nullish() }).strict(),
    result<PackDetail>(),
  ),
  'packs.update': ownerWrite(
    ['custom_packs'],
    z.object({ id: packId(), pack: packJson() }).strict(),
    result<PackDetail>(),
  ),
  'packs.delete': ownerWrite(
    ['custom_packs'],
    z.object({ id: packId() }).strict(),
    result<{ id: string }>(),
  ),
} as const satisfies Record<string, ContractEntry>;
