import { z } from 'zod';
import { type HourEntry, type WeekView } from '../../domain/records.js';
import {
  PEOPLE,
  entryWorker,
  result,
  withId,
  worker,
  type ContractEntry,
} from '../contract-kit.js';
import * as f from '../fields.js';

const hourFields = {
  workerId: f.id('a worker'),
  date: f.isoDate(),
  siteId: f.id('a site'),
  supervisorId: f.id('a supervisor'),
  category: f.category(),
  minutes: f.minutes(),
  note: f.optionalNote(1000),
};

/** A worker's hour entries, week by week. */
export const hoursContract = {
  'hours.week': {
    reads: ['hour_entries', 'workers'],
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker'), weekStart: f.isoDate() }).strict(),
    roles: PEOPLE,
    result: result<WeekView>(),
  },
  'hours.add': {
    changes: ['audit_log', 'hour_entries'],
    subjects: [worker()],
    freeText: ['note'],
    input: z.object(hourFields).strict(),
    roles: PEOPLE,
    result: result<HourEntry>(),
  },
  'hours.update': {
    changes: ['audit_log', 'hour_entries'],
    subjects: [entryWorker(), worker()],
    freeText: ['note'],
    input: withId(hourFields),
    roles: PEOPLE,
    result: result<HourEntry>(),
  },
  'hours.delete': {
    changes: ['audit_log', 'hour_entries'],
    subjects: [entryWorker()],
    input: z.object({ id: f.id() }).strict(),
    roles: PEOPLE,
    result: result<{ id: number }>(),
  },
} as const satisfies Record<string, ContractEntry>;
