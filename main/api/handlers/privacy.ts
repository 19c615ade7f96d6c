import { defineHandlers } from '../handler-types.js';

export const privacyHandlers = defineHandlers({
  'privacy.myRecord': (_i, { services, user }) => services.privacyAccess.myRecord(user),
  'privacy.exportRecord': (i, { services }) => services.privacyAccess.exportRecord(i),
});
