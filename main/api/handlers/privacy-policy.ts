import { defineHandlers } from '../handler-types.js';

export const privacyPolicyHandlers = defineHandlers({
  'privacy.policy.get': (_i, { services }) => services.privacyPolicy.get(),
  'privacy.policy.update': (i, { services }) => services.privacyPolicy.update(i),
});
