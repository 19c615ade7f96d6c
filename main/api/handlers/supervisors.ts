import { defineHandlers } from '../handler-types.js';

export const supervisorsHandlers = defineHandlers({
  // Workers see only their own supervisors (any assignment, current or past: their weeks and
  // reports name them), by name and licence; the owner and supervisors see everyone in full.
  'supervisors.list': async (_i, { services, user }) => {
    const all = await services.people.supervisors.list();
    if (user.role !== 'worker') return all;
    const mine = new Set(
      (
        (await services
          .db('supervision_assignments')
          .where({ worker_id: user.workerId ?? -1 })
          .distinct('supervisor_id')) as { supervisor_id: number }[]
      ).map((r) => Number(r.supervisor_id)),
    );
    return all
      .filter((s) => mine.has(s.id))
      .map(({ email: _e, phone: _p, licenseExpires: _x, ...named }) => named);
  },
  'supervisors.create': (i, { services }) => services.people.supervisors.create(i),
  'supervisors.update': ({ id, ...i }, { services }) => services.people.supervisors.update(id, i),
});
