import { defineHandlers } from '../handler-types.js';

/** Deletion under the retention rules (main/services/privacy/deletion.ts). */
export const privacyDeletionHandlers = defineHandlers({
  'privacy.deletion.plan': (i, { services }) => services.privacyDeletion.planDeletion(i),
  'privacy.deletion.execute': (i, { services, user }) =>
    services.privacyDeletion.executeDeletion(
      user,
      { personType: i.personType, personId: i.personId },
      { requestId: i.requestId, password: i.password },
    ),
  'privacy.deletion.scheduled': (_i, { services }) => services.privacyDeletion.scheduled(),
  'privacy.deletion.runDue': (_i, { services }) => services.privacyDeletion.runDueDeletions(),
});
