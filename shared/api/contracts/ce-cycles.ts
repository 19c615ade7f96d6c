import { z } from 'zod';
import { CE_PRESETS, type CeCycle } from '../../domain/ce.js';
import { PEOPLE, namedPerson, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';
import { person } from './ce.js';

const requirementMinutes = (min: number) =>
  z
    .number({ error: 'Enter the hours' })
    .int({ error: 'Must be whole minutes' })
    .min(min, { error: min === 0 ? 'Cannot be negative' : 'Must be more than 0' })
    .max(500 * 60, { error: 'Must be at most 500 hours' });

/** CE renewal cycles: the period and the hours a person must reach in it. */
export const ceCyclesContract = {
  'ce.cycles.list': {
    reads: ['ce_cycles', 'supervision_assignments', 'workers'],
    subjects: [namedPerson()],
    input: z.object(person).strict(),
    roles: PEOPLE,
    result: result<CeCycle[]>(),
  },
  'ce.cycles.save': ownerWrite(
    ['ce_cycles'],
    z
      .object({
        id: f.id().optional(),
        ...person,
        preset: z.enum(CE_PRESETS, { error: 'Choose a preset or Custom' }),
        startDate: f.isoDate(),
        endDate: f.isoDate(),
        // A preset's figures are its own; only a custom cycle needs them.
        requiredMinutes: requirementMinutes(1).optional(),
        lawEthicsMinutes: requirementMinutes(0).optional(),
      })
      .strict(),
    result<CeCycle>(),
  ),
  'ce.cycles.delete': ownerWrite(
    ['ce_cycles'],
    z.object({ id: f.id() }).strict(),
    result<{ id: number }>(),
  ),
} as const satisfies Record<string, ContractEntry>;
