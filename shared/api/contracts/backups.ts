import { z } from 'zod';
import type {
  BackupItem,
  BackupList,
  RestoreOutcome,
  RestorePreview,
} from '../../domain/backups.js';
import { OWNER, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

const fileName = () =>
  f.textField({ max: 200, notText: 'Required' }, (s) => s.min(1, { error: 'Choose a backup' }));

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A backup picked from disk; the renderer sends its bytes (backups are tens of MB). */
export const upload = () =>
  z
    .object({
      name: f.requiredText(260),
      base64: f.textField(
        {
          max: 700_000_000,
          verbatim: true,
          notText: 'Required',
          tooLong: 'The file is larger than 500 MB; it is not a Hourkeep backup',
        },
        (s) =>
          s
            .min(1, { error: 'The chosen file is empty' })
            .regex(BASE64, { error: 'The file could not be read; choose it again' }),
      ),
    })
    .strict();

export const recoveryCode = () => f.requiredText(80);

export const token = () => f.pattern(100, /^[0-9a-f]{32}$/, 'Invalid', 'Required');

/** Backups of the practice: made, checked, and restored (main/services/backups.ts). */
export const backupsContract = {
  'backups.list': {
    reads: ['backup_files', 'settings'],
    input: z.object({}).strict(),
    roles: OWNER,
    result: result<BackupList>(),
  },
  'backups.create': ownerWrite(['backup_files'], z.object({}).strict(), result<BackupItem>()),
  'backups.verify': {
    changes: [],
    input: z.object({ fileName: fileName() }).strict(),
    roles: OWNER,
    result: result<{ fileName: string; ok: true }>(),
  },
  'backups.setFolder': {
    reads: ['backup_files', 'security_policy', 'settings'],
    changes: ['audit_log', 'settings'],
    input: z
      .object({
        folder: f
          .textField({ max: 1000, notText: 'Required' }, (s) =>
            s.min(1, { error: 'Choose a folder' }),
          )
          .nullable(),
      })
      .strict(),
    roles: OWNER,
    result: result<BackupList>(),
  },
  'backups.previewRestore': {
    changes: [],
    input: z
      .object({
        source: z.union([
          z.object({ fileName: fileName() }).strict(),
          z.object({ upload: upload() }).strict(),
        ]),
        recoveryCode: recoveryCode().optional(),
      })
      .strict(),
    roles: OWNER,
    result: result<RestorePreview>(),
  },
  'backups.restore': {
    changes: ['backup_files'],
    input: z
      .object({
        token: token(),
        password: f.secret(),
      })
      .strict(),
    roles: OWNER,
    result: result<RestoreOutcome>(),
  },
  'backups.cancelRestore': {
    changes: [],
    input: z.object({}).strict(),
    roles: OWNER,
    result: result<null>(),
  },
} as const satisfies Record<string, ContractEntry>;
