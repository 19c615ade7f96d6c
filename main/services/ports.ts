import type { Db } from '../db/connection.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { AuditLog } from './audit.js';

/** What every service needs from the outside world; passed in, never imported. */
export interface CorePorts {
  db: Db;
  clock: Clock;
  /** Every write appends its audit row inside the same transaction. */
  audit: AuditLog;
}
