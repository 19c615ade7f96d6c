import { z } from 'zod';
import type { RestoreOutcome, RestorePreview } from '../../domain/backups.js';
import { type AuthStatus } from '../../domain/records.js';
import { ANY_ROLE, PUBLIC, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';
import { recoveryCode, token, upload } from './backups.js';

/** First run: a new practice, or one restored from a backup (only while nothing is set up). */
export const setupContract = {
  'setup.prepare': {
    changes: [],
    input: f.empty(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<{ recoveryCode: string }>(),
  },
  'setup.complete': {
    changes: ['audit_log', 'notice_acknowledgements', 'practice', 'privacy_notices', 'users'],
    input: z
      .object({
        practiceName: f.name(200),
        ownerName: f.name(120),
        username: f.username(),
        password: f.newPassword(),
        recoveryCodeCheck: f.requiredText(80),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  // The first-run wizard's "Restore from a backup": only while nothing is set up.
  'setup.previewBackup': {
    changes: [],
    input: z.object({ upload: upload(), recoveryCode: recoveryCode() }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<RestorePreview>(),
  },
  'setup.restoreBackup': {
    changes: ['backup_files'],
    input: z.object({ token: token() }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<RestoreOutcome>(),
  },
} as const satisfies Record<string, ContractEntry>;
