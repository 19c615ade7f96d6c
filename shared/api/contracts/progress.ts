import { z } from 'zod';
import type {
  OverviewRow,
  PackDetail,
  PackSummary,
  SupervisionSession,
  WorkerProgressView,
} from '../../domain/progress-view.js';
import { SESSION_KINDS } from '../../domain/progress-view.js';
import {
  worker,
  sessionAttendees,
  ANY_ROLE,
  OWNER,
  PEOPLE,
  STAFF,
  result,
  withId,
  type ContractEntry,
} from '../contract-kit.js';
import * as f from '../fields.js';

const packId = () =>
  f.textField({ max: 80, notText: 'Choose a pack' }, (s) => s.min(1, { error: 'Choose a pack' }));

const sessionFields = {
  supervisorId: f.id('a supervisor'),
  siteId: f.id('a site'),
  date: f.isoDate(),
  kind: z.enum(SESSION_KINDS, { error: 'Choose individual, triadic or group' }),
  minutes: f.minutes(),
  note: f.optionalNote(1000),
  workerIds: z
    .array(f.id('a worker'), { error: 'Choose the attendees' })
    .min(1, { error: 'Choose at least one attendee' })
    .max(8, { error: 'At most 8 attendees' }),
};

/** The pack as JSON; its own schema (shared/domain/packs/schema.ts) is checked by the service. */
const packJson = () => f.jsonDocument();

/** Supervision sessions, requirement packs, and the progress dashboards. */
export const progressContract = {
  'sessions.list': {
    input: z
      .object({
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
        supervisorId: f.id('a supervisor').optional(),
      })
      .strict(),
    roles: STAFF,
    result: result<SupervisionSession[]>(),
  },
  'sessions.create': {
    changes: ['supervision_sessions', 'supervision_session_attendees', 'hour_entries', 'audit_log'],
    subjects: [worker('workerIds')],
    freeText: ['note'],
    input: z.object(sessionFields).strict(),
    roles: STAFF,
    result: result<SupervisionSession>(),
  },
  'sessions.update': {
    subjects: [sessionAttendees(), worker('workerIds')],
    freeText: ['note'],
    input: withId(sessionFields),
    roles: STAFF,
    result: result<SupervisionSession>(),
  },
  'sessions.delete': {
    subjects: [sessionAttendees()],
    input: z.object({ id: f.id() }).strict(),
    roles: STAFF,
    result: result<{ id: number }>(),
  },

  'packs.list': { input: f.empty(), roles: ANY_ROLE, result: result<PackSummary[]>() },
  'packs.get': {
    input: z.object({ id: packId() }).strict(),
    roles: ANY_ROLE,
    result: result<PackDetail>(),
  },
  'packs.create': {
    input: z.object({ pack: packJson(), basedOn: packId().nullish() }).strict(),
    roles: OWNER,
    result: result<PackDetail>(),
  },
  'packs.update': {
    input: z.object({ id: packId(), pack: packJson() }).strict(),
    roles: OWNER,
    result: result<PackDetail>(),
  },
  'packs.delete': {
    input: z.object({ id: packId() }).strict(),
    roles: OWNER,
    result: result<{ id: string }>(),
  },
  'workers.setPack': {
    input: z.object({ workerId: f.id('a worker'), packId: packId().nullable() }).strict(),
    roles: OWNER,
    result: result<{ workerId: number; packId: string | null }>(),
  },

  'progress.worker': {
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker') }).strict(),
    roles: PEOPLE,
    result: result<WorkerProgressView>(),
  },
  'progress.overview': { input: f.empty(), roles: STAFF, result: result<OverviewRow[]>() },
} as const satisfies Record<string, ContractEntry>;
