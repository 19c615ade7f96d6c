import { z } from 'zod';
import type {
  DeletionPreview,
  DeletionResult,
  RunDueResult,
  ScheduledDeletionView,
} from '../../domain/privacy/deletion-plan.js';
import { PERSON_TYPES } from '../../domain/privacy/people.js';
import { OWNER, namedPerson, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

const person = {
  personType: z.enum(PERSON_TYPES, { error: 'Choose a worker or a supervisor' }),
  personId: f.id('a person'),
};

/** Deletion under the retention rules (main/services/privacy/deletion.ts). Owner only. */
export const privacyDeletionContract = {
  'privacy.deletion.plan': {
    reads: [
      'ce_cycles',
      'ce_records',
      'consents',
      'disclosures',
      'hour_entries',
      'notice_acknowledgements',
      'privacy_requests',
      'retention_rules',
      'supervision_assignments',
      'supervision_session_attendees',
      'supervision_sessions',
      'survey_participants',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    changes: ['audit_log', 'retention_rules'],
    subjects: [namedPerson()],
    input: z.object(person).strict(),
    roles: OWNER,
    result: result<DeletionPreview>(),
  },
  'privacy.deletion.execute': {
    changes: [
      'audit_log',
      'ce_cycles',
      'ce_records',
      'consents',
      'disclosures',
      'hour_entries',
      'notice_acknowledgements',
      'privacy_requests',
      'retention_rules',
      'scheduled_deletions',
      'signing_keys',
      'supervision_assignments',
      'supervision_session_attendees',
      'supervision_sessions',
      'supervisors',
      'survey_participants',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    subjects: [namedPerson()],
    input: z
      .object({
        ...person,
        requestId: f.id('a request').nullish(),
        password: f.secret(200, 1, 'Enter your password'),
      })
      .strict(),
    roles: OWNER,
    result: result<DeletionResult>(),
  },
  'privacy.deletion.scheduled': {
    reads: ['retention_rules', 'scheduled_deletions', 'supervisors', 'workers'],
    changes: ['audit_log', 'retention_rules'],
    input: f.empty(),
    roles: OWNER,
    result: result<ScheduledDeletionView[]>(),
  },
  'privacy.deletion.runDue': ownerWrite(
    [
      'ce_cycles',
      'ce_records',
      'consents',
      'disclosures',
      'hour_entries',
      'notice_acknowledgements',
      'privacy_requests',
      'retention_rules',
      'scheduled_deletions',
      'signing_keys',
      'supervision_assignments',
      'supervision_session_attendees',
      'supervision_sessions',
      'supervisors',
      'survey_participants',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    f.empty(),
    result<RunDueResult>(),
  ),
} as const satisfies Record<string, ContractEntry>;
