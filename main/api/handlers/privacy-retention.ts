import { defineHandlers } from '../handler-types.js';

export const privacyRetentionHandlers = defineHandlers({
  'privacy.retention.list': (_i, { services }) => services.retentionRules.list(),
  'privacy.retention.update': ({ id, ...change }, { services }) =>
    services.retentionRules.update(id, change),
});
