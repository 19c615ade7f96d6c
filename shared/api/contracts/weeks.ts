import { z } from 'zod';
import type {
  ReviewQueueItem,
  SigningKeyInfo,
  WeekListItem,
  WeeklyLog,
} from '../../domain/weekly-logs.js';
import { PEOPLE, STAFF, result, worker, type ContractEntry, type Role } from '../contract-kit.js';
import * as f from '../fields.js';

/** Any day of the week names it; main uses that week's Monday. */
const week = { workerId: f.id('a worker'), weekStart: f.isoDate() };

/** Comments and reasons may run over several lines. */
const requiredText = (max: number) => f.requiredText(max, { multiline: true });

/**
 * The week as the supervisor's screen showed it (shared/domain/weekly-logs.ts SeenWeek): its
 * submission and entries, compared with the saved ones at sign-off, never stored.
 */
const seenWeek = () =>
  z
    .object({
      submittedAt: f.optionalText(40),
      entries: z
        .array(
          z
            .object({
              category: f.category(),
              date: f.isoDate(),
              minutes: z.number().int().min(0).max(1440),
              note: f.optionalNote(4000),
              siteId: f.id('a site'),
              supervisorId: f.id('a supervisor'),
            })
            .strict(),
        )
        .max(1000),
    })
    .strict();

/** Submitting and reopening a week is the worker's (or the owner's on their behalf). */
const WORKER_OR_OWNER: readonly Role[] = ['owner', 'worker'];
/** Only a supervisor signs; the owner is not one. */
const SUPERVISOR: readonly Role[] = ['supervisor'];

/** Weekly review and sign-off (main/services/weeks.ts). */
export const weeksContract = {
  'weeks.get': {
    reads: [
      'hour_entries',
      'practice',
      'signing_keys',
      'sites',
      'supervisors',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    subjects: [worker()],
    input: z.object(week).strict(),
    roles: PEOPLE,
    result: result<WeeklyLog>(),
  },
  'weeks.list': {
    reads: ['weekly_logs', 'workers'],
    subjects: [worker()],
    input: z
      .object({
        workerId: f.id('a worker'),
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
      })
      .strict(),
    roles: PEOPLE,
    result: result<WeekListItem[]>(),
  },
  'weeks.queue': {
    reads: [
      'hour_entries',
      'supervision_assignments',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    input: f.empty(),
    roles: STAFF,
    result: result<ReviewQueueItem[]>(),
  },
  /** A supervisor's signing keys (public half and fingerprint): the owner's, or their own. */
  'weeks.signingKeys': {
    reads: ['signing_keys'],
    input: z.object({ supervisorId: f.id('a supervisor') }).strict(),
    roles: STAFF,
    result: result<SigningKeyInfo[]>(),
  },
  'weeks.submit': {
    changes: ['audit_log', 'weekly_logs'],
    subjects: [worker()],
    input: z.object(week).strict(),
    roles: WORKER_OR_OWNER,
    result: result<WeeklyLog>(),
  },
  'weeks.return': {
    changes: ['audit_log', 'weekly_logs'],
    subjects: [worker()],
    freeText: ['comment'],
    input: z.object({ ...week, comment: requiredText(2000) }).strict(),
    roles: STAFF,
    result: result<WeeklyLog>(),
  },
  'weeks.approve': {
    changes: ['audit_log', 'week_signatures', 'weekly_logs'],
    subjects: [worker()],
    input: z
      .object({
        ...week,
        password: f.secret(),
        /** The week as it was on screen: a week changed since is refused, naming the change. */
        seen: seenWeek().optional(),
      })
      .strict(),
    roles: SUPERVISOR,
    result: result<WeeklyLog>(),
  },
  'weeks.startAmendment': {
    changes: ['audit_log', 'weekly_logs'],
    subjects: [worker()],
    freeText: ['reason'],
    input: z.object({ ...week, reason: requiredText(2000) }).strict(),
    roles: WORKER_OR_OWNER,
    result: result<WeeklyLog>(),
  },
} as const satisfies Record<string, ContractEntry>;
