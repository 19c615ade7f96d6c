import type { KeepReason, RetentionPolicy } from './retention.js';

/** What the backups screen and the restore flow show; main/services/backup produces them. */
export const BACKUP_TIERS = ['daily', 'startup', 'quit', 'manual', 'safety'] as const;
export type BackupTier = (typeof BACKUP_TIERS)[number];

export interface BackupItem {
  fileName: string;
  bytes: number;
  createdAt: string | null;
  tier: BackupTier | null;
  appVersion: string | null;
  schemaVersion: number | null;
  /** The day rotation removes it at the latest (the hard expiry). */
  expiresOn: string | null;
  /** Which keep rules hold it now; empty when the next rotation removes it. */
  keptBy: KeepReason[];
  /** Why the file cannot be used, when its header does not read. */
  problem: string | null;
}

export interface BackupList {
  folder: string;
  items: BackupItem[];
  /** When data deleted now is gone from every backup. */
  goneFromBackupsBy: string;
  policy: RetentionPolicy;
}

export interface DatabaseSummary {
  /** Migrations applied: the schema version, comparable with SCHEMA_VERSION. */
  schemaVersion: number;
  migrations: string[];
  practiceName: string | null;
  counts: { workers: number; supervisors: number; hourEntries: number };
}

/** A decrypted, checked backup waiting for the owner's confirmation. */
export interface RestorePreview {
  token: string;
  fileName: string;
  createdAt: string;
  appVersion: string;
  tier: BackupTier;
  summary: DatabaseSummary;
}

export interface RestoreOutcome {
  restored: RestorePreview;
  /** The backup of the database as it was just before the restore (none on a new machine). */
  safetyBackup: BackupItem | null;
  /** Schema versions before and after the migrations that brought the backup forward. */
  migratedFrom: number;
  migratedTo: number;
}
