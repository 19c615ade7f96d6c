import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const signedIn = (user: SessionUser | null): SessionUser => {
  // Dispatch lets no signed-out caller through to these; the check keeps the type honest.
  if (!user) throw new AppError('forbidden', 'Sign in first.');
  return user;
};

export const privacyAccessHandlers = defineHandlers({
  'privacy.myRecord': (_i, { services, user }) => services.privacyAccess.myRecord(signedIn(user)),
  'privacy.exportRecord': (i, { services }) => services.privacyAccess.exportRecord(i),
  'privacy.disclosures.list': (i, { services, user }) =>
    services.privacyAccess.disclosures(signedIn(user), i),
  'privacy.disclosures.yearly': (i, { services }) =>
    services.privacyAccess.yearly(i.year, i.format),
});
