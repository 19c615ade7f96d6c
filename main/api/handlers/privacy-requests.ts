import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const signedIn = (user: SessionUser | null): SessionUser => {
  if (!user) throw new AppError('forbidden', 'Sign in first.');
  return user;
};

/** The privacy requests register (main/services/privacy/requests.ts). */
export const privacyRequestsHandlers = defineHandlers({
  'privacy.requests.mine': (_i, { services, user }) =>
    services.privacyRequests.mine(signedIn(user)),
  'privacy.requests.file': (i, { services, user }) =>
    services.privacyRequests.file(signedIn(user), i),
  'privacy.requests.register': (i, { services, user }) =>
    services.privacyRequests.register(signedIn(user), i),
  'privacy.requests.list': (i, { services, user }) =>
    services.privacyRequests.list(signedIn(user), i),
  'privacy.requests.decide': (i, { services, user }) =>
    services.privacyRequests.decide(signedIn(user), i),
  'privacy.requests.yearly': (i, { services }) => services.privacyRequests.yearly(i.year),
  'privacy.requests.yearlyFile': (i, { services }) =>
    services.privacyRequests.yearlyFile(i.year, i.format),
});
