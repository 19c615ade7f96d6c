import { disclosureUnlessOwn } from '../disclosure.js';
import { defineHandlers } from '../handler-types.js';

/**
 * Each call first checks the person it concerns (for an id, the record's or cycle's owner)
 * against the caller: dispatch has already done so for workers, the service adds supervisors.
 */
export const ceHandlers = defineHandlers({
  'ce.list': async (i, { services, user }) => {
    await services.ce.assertMayAct(user, i, 'ce.list');
    return services.ce.list(i);
  },
  'ce.create': async ({ personType, personId, ...fields }, { services, user }) => {
    const person = { personType, personId };
    await services.ce.assertMayAct(user, person, 'ce.create');
    return services.ce.create(person, fields);
  },
  'ce.update': async ({ id, ...fields }, { services, user }) => {
    await services.ce.assertMayAct(user, await services.ce.recordPerson(id), 'ce.update');
    return services.ce.update(id, fields);
  },
  'ce.delete': async ({ id }, { services, user }) => {
    await services.ce.assertMayAct(user, await services.ce.recordPerson(id), 'ce.delete');
    return services.ce.remove(id);
  },
  'ce.certificate': async ({ id, recipient, purpose }, { services, user }) => {
    const person = await services.ce.recordPerson(id);
    await services.ce.assertMayAct(user, person, 'ce.certificate');
    return services.ce.certificate(id, disclosureUnlessOwn(user, person, { recipient, purpose }));
  },
  'ce.status': async (i, { services, user }) => {
    await services.ce.assertMayAct(user, i, 'ce.status');
    return services.ce.status(i);
  },
  'ce.overview': (_i, { services, user }) => services.ce.overview(user),
});
