import { addDaysIso } from '../../../shared/domain/dates.js';
import { defineHandlers } from '../handler-types.js';

export const auditHandlers = defineHandlers({
  'audit.list': async (i, { services }) =>
    (
      await services.audit.list(services.db, {
        limit: i.limit,
        ...(i.action ? { action: i.action } : {}),
        ...(i.subjectType ? { subjectType: i.subjectType } : {}),
        ...(i.subjectId !== undefined ? { subjectId: i.subjectId } : {}),
        ...(i.from ? { from: i.from } : {}),
        ...(i.to ? { to: addDaysIso(i.to, 1) } : {}),
        ...(i.beforeId !== undefined ? { beforeId: i.beforeId } : {}),
      })
    ).map(({ prevHmac: _p, hmac: _h, actorUserId: _a, ...view }) => view),
  'audit.verify': (i, { services }) => services.integrity.verifyAll({ full: i.full === true }),
  'audit.cancelVerify': async (_i, { services }) => services.integrity.cancel(),
});
