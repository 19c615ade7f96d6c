import { defineHandlers } from '../handler-types.js';

export const privacyAccessHandlers = defineHandlers({
  'privacy.myRecord': (_i, { services, user }) => services.privacyAccess.myRecord(user),
  'privacy.exportRecord': (i, { services }) => services.privacyAccess.exportRecord(i),
  'privacy.disclosures.list': (i, { services, user }) =>
    services.privacyAccess.disclosures(user, i),
  'privacy.disclosures.yearly': (i, { services }) =>
    services.privacyAccess.yearly(i.year, i.format),
});
