import { z } from 'zod';
import type {
  BackupItem,
  BackupList,
  RestoreOutcome,
  RestorePreview,
} from '../../domain/backups.js';
import { OWNER, PUBLIC, ANY_ROLE, result, type ContractEntry } from '../contract-kit.js';

const fileName = () =>
  z.string({ error: 'Required' }).trim().min(1, { error: 'Choose a backup' }).max(200);

/** A backup picked from disk; the renderer sends its bytes (backups are tens of MB). */
const upload = () =>
  z
    .object({
      name: z.string({ error: 'Required' }).trim().min(1).max(260),
      base64: z
        .string({ error: 'Required' })
        .min(1, { error: 'The chosen file is empty' })
        .max(700_000_000, { error: 'The file is larger than 500 MB; it is not a Hourkeep backup' }),
    })
    .strict();

const recoveryCode = () =>
  z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(80);

const token = () => z.string({ error: 'Required' }).regex(/^[0-9a-f]{32}$/, { error: 'Invalid' });

export const backupsContract = {
  'backups.list': { input: z.object({}).strict(), roles: OWNER, result: result<BackupList>() },
  'backups.create': { input: z.object({}).strict(), roles: OWNER, result: result<BackupItem>() },
  'backups.verify': {
    input: z.object({ fileName: fileName() }).strict(),
    roles: OWNER,
    result: result<{ fileName: string; ok: true }>(),
  },
  'backups.setFolder': {
    input: z
      .object({
        folder: z
          .string({ error: 'Required' })
          .trim()
          .min(1, { error: 'Choose a folder' })
          .max(1000)
          .nullable(),
      })
      .strict(),
    roles: OWNER,
    result: result<BackupList>(),
  },
  'backups.previewRestore': {
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
    input: z
      .object({
        token: token(),
        password: z.string({ error: 'Required' }).min(1, { error: 'Required' }).max(200),
      })
      .strict(),
    roles: OWNER,
    result: result<RestoreOutcome>(),
  },
  'backups.cancelRestore': { input: z.object({}).strict(), roles: OWNER, result: result<null>() },
  // The first-run wizard's "Restore from a backup": only while nothing is set up.
  'setup.previewBackup': {
    input: z.object({ upload: upload(), recoveryCode: recoveryCode() }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<RestorePreview>(),
  },
  'setup.restoreBackup': {
    input: z.object({ token: token() }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<RestoreOutcome>(),
  },
} as const satisfies Record<string, ContractEntry>;
