import { z } from 'zod';
import { SESSION_KINDS, type SupervisionSession } from '../../domain/progress-view.js';
import {
  STAFF,
  result,
  sessionAttendees,
  withId,
  worker,
  type ContractEntry,
} from '../contract-kit.js';
import * as f from '../fields.js';

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

/** Supervision sessions: one meeting, its attendees, and the hours it gives each. */
export const sessionsContract = {
  'sessions.list': {
    reads: ['supervision_session_attendees', 'supervision_sessions'],
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
    changes: ['audit_log', 'hour_entries', 'supervision_session_attendees', 'supervision_sessions'],
    subjects: [worker('workerIds')],
    freeText: ['note'],
    input: z.object(sessionFields).strict(),
    roles: STAFF,
    result: result<SupervisionSession>(),
  },
  'sessions.update': {
    changes: ['audit_log', 'hour_entries', 'supervision_session_attendees', 'supervision_sessions'],
    subjects: [sessionAttendees(), worker('workerIds')],
    freeText: ['note'],
    input: withId(sessionFields),
    roles: STAFF,
    result: result<SupervisionSession>(),
  },
  'sessions.delete': {
    changes: ['audit_log', 'hour_entries', 'supervision_session_attendees', 'supervision_sessions'],
    subjects: [sessionAttendees()],
    input: z.object({ id: f.id() }).strict(),
    roles: STAFF,
    result: result<{ id: number }>(),
  },
} as const satisfies Record<string, ContractEntry>;
