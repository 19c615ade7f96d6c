import { addDaysIso } from '../../../shared/domain/dates.js';
import { defineHandlers } from '../handler-types.js';

export const authHandlers = defineHandlers({
  'auth.status': (_i, { gate }) => gate.status(),
  'setup.prepare': async (_i, { gate }) => gate.prepareSetup(),
  'setup.complete': async (i, { gate }) => {
    await gate.completeSetup(i);
    return gate.status();
  },
  'auth.signIn': async (i, { gate }) => {
    await gate.signIn(i.username, i.password);
    return gate.status();
  },
  'auth.recover': async (i, { gate }) => {
    await gate.recover(i.code);
    return gate.status();
  },
  'auth.resetWithRecoveryCode': async (i, { gate }) => {
    await gate.resetOwnerPassword(i);
    return gate.status();
  },
  'auth.unlock': async (i, { gate }) => {
    await gate.unlock(i.password);
    return gate.status();
  },
  'auth.signOut': async (_i, { gate }) => {
    await gate.signOut();
    return gate.status();
  },
  'lock.now': async (_i, { gate }) => {
    await gate.lock('manual');
    return gate.status();
  },
  'lock.activity': async (_i, { gate }) => {
    gate.activity();
    return null;
  },
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
  'keys.prepareRotation': async (_i, { gate }) => gate.prepareRotation(),
  'keys.rotate': (i, { gate }) => gate.rotate(i),
});

export const adminHandlers = defineHandlers({
  'users.list': (_i, { services }) => services.accounts.list(),
  'users.create': (i, { services }) => services.accounts.create(i),
  'users.setDisabled': (i, { services }) => services.accounts.setDisabled(i.id, i.disabled),
  'users.resetPassword': async (i, { services }) => {
    await services.accounts.resetPassword(i.id, i.newPassword);
    return null;
  },
  'settings.get': async (_i, { services }) => services.settings.get(),
  'settings.update': async (i, { services }) => services.settings.update(i),
  'audit.list': async (i, { services }) =>
    (
      await services.audit.list(services.db, {
        limit: i.limit,
        ...(i.action ? { action: i.action } : {}),
        ...(i.subjectType ? { subjectType: i.subjectType } : {}),
        ...(i.subjectId !== undefined ? { subjectId: i.subjectId } : {}),
        ...(i.from ? { from: i.from } : {}),
        ...(i.to ? { to: addDaysIso(i.to, 1) } : {}),
        ...(i.beforeId !== undefined ? { beforeId: i.beforeId } : {}),
      })
    ).map(({ prevHmac: _p, hmac: _h, actorUserId: _a, ...view }) => view),
  'audit.verify': (i, { services }) => services.integrity.verifyAll({ full: i.full === true }),
  'audit.cancelVerify': async (_i, { services }) => services.integrity.cancel(),
});
