import { defineHandlers } from '../handler-types.js';

export const accountHandlers = defineHandlers({
  // A wrong current password counts toward the sign-in lockout; a lockout ends the session and
  // closes the practice, as at the lock screen.
  'account.changePassword': async (i, { services, gate }) => {
    try {
      await services.accounts.changeOwnPassword(i.currentPassword, i.newPassword);
    } finally {
      await gate.closeIfSignedOut();
    }
    return null;
  },
});
