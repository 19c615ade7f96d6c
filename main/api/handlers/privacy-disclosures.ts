import { defineHandlers } from '../handler-types.js';

export const privacyDisclosuresHandlers = defineHandlers({
  'privacy.disclosures.list': (i, { services, user }) =>
    services.privacyAccess.disclosures(user, i),
  'privacy.disclosures.yearly': (i, { services }) =>
    services.privacyAccess.yearly(i.year, i.format),
});
