import { defineHandlers } from '../handler-types.js';

export const sitesHandlers = defineHandlers({
  'sites.list': (_i, { services }) => services.people.sites.list(),
  'sites.create': (i, { services }) => services.people.sites.create(i),
  'sites.update': ({ id, ...i }, { services }) => services.people.sites.update(id, i),
});
