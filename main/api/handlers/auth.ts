import { addDaysIso } from '../../domain/dates.js';
import { defineHandlers } from '../handler-types.js';

export const authHandlers = defineHandlers({
  'auth.status': (_i, { services }) => services.authStatus(),
  'setup.prepare': (_i, { services }) => services.setup.prepare(),
  'setup.complete': async (i, { services }) => {
    await services.setup.complete(i);
    return services.authStatus();
  },
  'auth.signIn': async (i, { services }) => {
    if (!services.keys.state.key) return services.authStatus();
    await services.accounts.signIn(i.username, i.password);
    return services.authStatus();
  },
  'auth.recover': async (i, { services }) => {
    await services.accounts.unlockWithRecoveryCode(i.code);
    return services.authStatus();
  },
  'auth.unlock': async (i, { services }) => {
    await services.accounts.unlockWithPassword(i.password);
    return services.authStatus();
  },
  'auth.signOut': async (_i, { services }) => {
    await services.accounts.signOut();
    return services.authStatus();
  },
  'lock.now': async (_i, { services }) => {
    services.lockNow('manual');
    return services.authStatus();
  },
  'lock.activity': async (_i, { services }) => {
    services.session.lockEvent({ type: 'activity' });
    return null;
  },
  'account.changePassword': async (i, { services }) => {
    await services.accounts.changeOwnPassword(i.currentPassword, i.newPassword);
    return null;
  },
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
  'audit.verify': (_i, { services }) => services.audit.verify(services.db),
});
