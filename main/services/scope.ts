import type { Knex } from 'knex';
import type { Clock } from '../../shared/domain/clock.js';
import { toIsoDate } from '../../shared/domain/dates.js';
import type { SessionUser } from './session.js';

/** Owner: everyone. Worker: themselves. Supervisor: workers they supervise today. */
async function canActOnWorker(
  db: Knex,
  clock: Clock,
  user: SessionUser,
  workerId: number,
): Promise<boolean> {
  if (user.role === 'owner') return true;
  if (user.role === 'worker') return user.workerId === workerId;
  if (user.supervisorId === null) return false;
  const today = toIsoDate(clock.now());
  const row = await currentSupervisees(db, today, user.supervisorId)
    .where({ worker_id: workerId })
    .first('worker_id');
  return row !== undefined;
}

function currentSupervisees(db: Knex, today: string, supervisorId: number) {
  return db('supervision_assignments')
    .where({ supervisor_id: supervisorId })
    .where('start_date', '<=', today)
    .where((w) => w.whereNull('end_date').orWhere('end_date', '>=', today));
}

/** The worker ids a caller may see, or 'all'. */
async function visibleWorkerIds(
  db: Knex,
  clock: Clock,
  user: SessionUser,
): Promise<number[] | 'all'> {
  if (user.role === 'owner') return 'all';
  if (user.role === 'worker') return user.workerId === null ? [] : [user.workerId];
  if (user.supervisorId === null) return [];
  const rows = (await currentSupervisees(db, toIsoDate(clock.now()), user.supervisorId).distinct(
    'worker_id',
  )) as {
    worker_id: number;
  }[];
  return rows.map((r) => Number(r.worker_id));
}

/** The scope rule for people: who may see or change which worker's records. */
export function makeScope(db: Knex, clock: Clock) {
  return {
    canActOnWorker: (user: SessionUser, workerId: number) =>
      canActOnWorker(db, clock, user, workerId),
    visibleWorkerIds: (user: SessionUser) => visibleWorkerIds(db, clock, user),
  };
}
