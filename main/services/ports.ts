import type { Db } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';

/** What every service needs from the outside world; passed in, never imported. */
export interface CorePorts {
  db: Db;
  clock: Clock;
}
