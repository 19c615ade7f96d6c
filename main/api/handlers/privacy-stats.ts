import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const signedIn = (user: SessionUser | null): SessionUser => {
  // Dispatch lets no signed-out caller through to these; the check keeps the type honest.
  if (!user) throw new AppError('forbidden', 'Sign in first.');
  return user;
};

export const privacyStatsHandlers = defineHandlers({
  'stats.practice': (i, { services }) => services.statistics.practice(i.year ?? null),
  'stats.exportCsv': (i, { services }) => services.statistics.exportCsv(i.year ?? null),
  'surveys.list': (_i, { services, user }) => services.surveys.list(signedIn(user)),
  'surveys.create': (i, { services }) => services.surveys.create(i),
  'surveys.update': ({ id, ...d }, { services }) => services.surveys.update(id, d),
  'surveys.delete': (i, { services }) => services.surveys.remove(i.id),
  'surveys.open': (i, { services }) => services.surveys.open(i.id),
  'surveys.close': (i, { services }) => services.surveys.close(i.id),
  'surveys.answer': (i, { services, user }) =>
    services.surveys.answer(signedIn(user), i.id, i.answers),
  'surveys.results': (i, { services }) => services.surveys.results(i.id),
});
