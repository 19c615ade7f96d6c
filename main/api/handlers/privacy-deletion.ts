import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const signedIn = (user: SessionUser | null): SessionUser => {
  if (!user) throw new AppError('forbidden', 'Sign in first.');
  return user;
};

/** Deletion under the retention rules (main/services/privacy/deletion.ts). */
export const privacyDeletionHandlers = defineHandlers({
  'privacy.deletion.plan': (i, { services }) => services.privacyDeletion.planDeletion(i),
  'privacy.deletion.execute': (i, { services, user }) =>
    services.privacyDeletion.executeDeletion(
      signedIn(user),
      { personType: i.personType, personId: i.personId },
      { requestId: i.requestId, password: i.password },
    ),
  'privacy.deletion.scheduled': (_i, { services }) => services.privacyDeletion.scheduled(),
  'privacy.deletion.runDue': (_i, { services }) => services.privacyDeletion.runDueDeletions(),
  'privacy.retention.list': (_i, { services }) => services.retentionRules.list(),
  'privacy.retention.update': ({ id, ...change }, { services }) =>
    services.retentionRules.update(id, change),
});
