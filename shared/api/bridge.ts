import type { Screen } from '../domain/screens.js';
import type { ErrorCode, FieldErrors } from '../errors.js';
import type { Table } from './tables.js';

export type { Screen };

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

/**
 * The wire format of every API call, identical over IPC and over the test harness. `changed`
 * names the tables a successful call changed (shared/api/tables.ts), when it changed any.
 */
export type Envelope<T> =
  { ok: true; value: T; changed?: Table[] } | { ok: false; error: ApiErrorBody };

/** Messages main pushes to the renderer. */
export type AppEvent =
  | { type: 'navigate'; screen: Screen }
  /** The session locked (idle, OS lock, suspend, menu) or unlocked; the renderer re-reads auth.status. */
  | { type: 'lock-changed'; locked: boolean; reason: string | null }
  /** Menu commands the renderer carries out (they need a dialog). */
  | {
      type: 'command';
      command: 'change-password' | 'sign-out' | 'backup-now' | 'keyboard-shortcuts';
    }
  /** Long work (CSV import, report generation) under way: `done` of `total` steps. */
  | { type: 'progress'; task: string; done: number; total: number }
  /** Work outside any call (scheduled backups and deletions, conversion) changed these tables. */
  | { type: 'changed'; tables: Table[] };

/**
 * What the preload exposes as `window.hourkeep` (and the test harness's bridge script
 * imitates). The renderer sees nothing else of main.
 */
export interface HourkeepBridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to events from main; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'hourkeep:invoke';
export const IPC_EVENT_CHANNEL = 'hourkeep:event';
