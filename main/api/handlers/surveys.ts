import { defineHandlers } from '../handler-types.js';

export const surveysHandlers = defineHandlers({
  'surveys.list': (_i, { services, user }) => services.surveys.list(user),
  'surveys.create': (i, { services }) => services.surveys.create(i),
  'surveys.update': ({ id, ...d }, { services }) => services.surveys.update(id, d),
  'surveys.delete': (i, { services }) => services.surveys.remove(i.id),
  'surveys.open': (i, { services }) => services.surveys.open(i.id),
  'surveys.close': (i, { services }) => services.surveys.close(i.id),
  'surveys.answer': (i, { services, user }) => services.surveys.answer(user, i.id, i.answers),
  'surveys.results': (i, { services }) => services.surveys.results(i.id),
});
