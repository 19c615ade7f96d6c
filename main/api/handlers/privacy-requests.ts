import { defineHandlers } from '../handler-types.js';

/** The privacy requests register (main/services/privacy/requests.ts). */
export const privacyRequestsHandlers = defineHandlers({
  'privacy.requests.mine': (_i, { services, user }) => services.privacyRequests.mine(user),
  'privacy.requests.file': (i, { services, user }) => services.privacyRequests.file(user, i),
  'privacy.requests.register': (i, { services, user }) =>
    services.privacyRequests.register(user, i),
  'privacy.requests.list': (i, { services, user }) => services.privacyRequests.list(user, i),
  'privacy.requests.decide': (i, { services, user }) => services.privacyRequests.decide(user, i),
  'privacy.requests.yearly': (i, { services }) => services.privacyRequests.yearly(i.year),
  'privacy.requests.yearlyFile': (i, { services }) =>
    services.privacyRequests.yearlyFile(i.year, i.format),
});
