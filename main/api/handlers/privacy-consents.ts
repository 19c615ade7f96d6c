import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';

export const privacyConsentsHandlers = defineHandlers({
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
});
