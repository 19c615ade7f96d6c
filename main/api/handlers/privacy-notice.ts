import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';

export const privacyNoticeHandlers = defineHandlers({
  'privacy.notice.status': (_i, { services, user }) => services.privacyNotices.status(user),
  'privacy.notice.acknowledge': (i, { services, user }) =>
    services.privacyNotices.acknowledge(user, i.noticeId),
  'privacy.notice.versions': (_i, { services }) => services.privacyNotices.versions(),
  'privacy.notice.acknowledgements': (_i, { services }) =>
    services.privacyNotices.acknowledgements(),
  'privacy.notice.publish': (i, { services, user }) => services.privacyNotices.publish(user, i),

  'privacy.consents.mine': (_i, { services, user }) => services.consents.mine(user),
  'privacy.consents.person': (i, { services, user }) => services.consents.person(user, i),
  'privacy.consents.list': (_i, { services }) => services.consents.list(),
  'privacy.consents.set': async (i, { services, user }) => {
    const me = user;
    const person =
      i.personType !== undefined && i.personId !== undefined
        ? { personType: i.personType, personId: i.personId }
        : services.consents.ownPerson(me);
    if (!person)
      throw new AppError('not_found', 'Your account is not linked to a worker or supervisor.');
    return services.consents.set(me, person, i.purpose, i.granted);
  },

  'privacy.policy.get': (_i, { services }) => services.privacyPolicy.get(),
  'privacy.policy.update': (i, { services }) => services.privacyPolicy.update(i),
});
