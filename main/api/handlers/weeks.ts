import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';

export const weeksHandlers = defineHandlers({
  'weeks.get': (i, { services }) => services.weeks.get(i.workerId, i.weekStart),
  'weeks.list': (i, { services }) => services.weeks.list(i.workerId, i.from, i.to),
  'weeks.queue': (_i, { services, user }) => services.weeks.queue(user),
  'weeks.signingKeys': (i, { services, user }) => {
    const me = user;
    if (me.role !== 'owner' && me.supervisorId !== i.supervisorId)
      throw new AppError('forbidden', "A supervisor sees their own signing keys, not another's.");
    return services.weekSignatures.keysOf(i.supervisorId);
  },
  'weeks.submit': (i, { services, user }) => services.weeks.submit(user, i.workerId, i.weekStart),
  'weeks.return': (i, { services, user }) =>
    services.weeks.returnWeek(user, i.workerId, i.weekStart, i.comment),
  'weeks.approve': (i, { services, user }) =>
    services.weeks.approve(user, i.workerId, i.weekStart, i.password, i.seen),
  'weeks.startAmendment': (i, { services, user }) =>
    services.weeks.startAmendment(user, i.workerId, i.weekStart, i.reason),
});
