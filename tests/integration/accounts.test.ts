import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, seedPractice } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

describe('accounts: sign-in, throttling, lockout, passwords (real SQLite, real keychain)', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');
  const PW = 'worker password 1';

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
  });
  afterEach(() => core.dispose());

  const status = () => call(core, 'auth.status', {});
  const signIn = (username: string, password: string) =>
    core.invoke('auth.signIn', { username, password });
  const errorOf = (r: Awaited<ReturnType<typeof signIn>>) => (r.ok ? null : r.error);

  async function workerUser() {
    const { worker } = await seedPractice(core);
    const user = await call(core, 'users.create', {
      username: 'Sam.Chen',
      displayName: 'Sam Chen',
      role: 'worker',
      workerId: worker.id,
      password: PW,
    });
    await call(core, 'auth.signOut', {});
    return { user, worker };
  }

  it('set-up leaves the owner signed in; sign-out and sign-in work; usernames are case-insensitive', async () => {
    expect(await status()).toMatchObject({
      phase: 'active',
      user: { username: 'owner', role: 'owner' },
    });
    const { user } = await workerUser();
    expect(user.username).toBe('sam.chen');
    expect((await status()).phase).toBe('signed-out');
    expect((await signIn('SAM.CHEN', PW)).ok).toBe(true);
    expect(await status()).toMatchObject({ phase: 'active', user: { role: 'worker' } });
  });

  it('throttles with growing delays, then locks the account after 5 failures for 15 minutes', async () => {
    await workerUser();
    expect(errorOf(await signIn('sam.chen', 'nope'))?.message).toBe('Wrong username or password.');
    // Too soon: refused without checking the password, even the right one.
    expect(errorOf(await signIn('sam.chen', PW))?.message).toMatch(/Wait 1 s/);
    const waits: string[] = [];
    for (let i = 2; i <= 4; i++) {
      clock.advance(60_000);
      await signIn('sam.chen', 'nope');
      const r = errorOf(await signIn('sam.chen', 'nope'));
      waits.push(r?.message ?? '');
    }
    expect(waits).toEqual([
      'Too many attempts. Wait 2 s before trying again.',
      'Too many attempts. Wait 4 s before trying again.',
      'Too many attempts. Wait 8 s before trying again.',
    ]);
    clock.advance(60_000);
    expect(errorOf(await signIn('sam.chen', 'nope'))?.message).toContain('locked for 15 minutes');
    clock.advance(14 * 60_000);
    expect(errorOf(await signIn('sam.chen', PW))?.message).toContain(
      'locked after too many failed attempts',
    );
    clock.advance(61_000);
    expect((await signIn('sam.chen', PW)).ok).toBe(true);
    const failures = await core
      .db('audit_log')
      .where({ action: 'sign_in_failed' })
      .count({ n: '*' });
    expect(Number(failures[0]?.n)).toBeGreaterThanOrEqual(9);
  });

  it('reports a lockout that has run out as none', async () => {
    const { user } = await workerUser();
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await signIn('sam.chen', 'nope');
    }
    clock.advance(15 * 60_000 + 1);
    await signIn(OWNER.username, OWNER.password);
    expect(
      (await call(core, 'users.list', {})).find((u) => u.id === user.id)?.lockedUntil,
    ).toBeNull();
  });

  it('honours the lockout settings', async () => {
    await call(core, 'settings.update', { maxFailedSignIns: 3, lockoutMinutes: 2 });
    await workerUser();
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await signIn('sam.chen', 'nope');
    }
    expect(errorOf(await signIn('sam.chen', PW))?.message).toContain('locked');
    clock.advance(2 * 60_000 + 1000);
    expect((await signIn('sam.chen', PW)).ok).toBe(true);
  });

  it('does not sign in a disabled user, and says so only after a correct password', async () => {
    const { user } = await workerUser();
    await signIn(OWNER.username, OWNER.password);
    await call(core, 'users.setDisabled', { id: user.id, disabled: true });
    await call(core, 'auth.signOut', {});
    expect(errorOf(await signIn('sam.chen', 'wrong'))?.message).toBe('Wrong username or password.');
    clock.advance(60_000);
    expect(errorOf(await signIn('sam.chen', PW))?.message).toContain('disabled');
    expect((await status()).phase).toBe('signed-out');
  });

  it('refuses to disable the last owner', async () => {
    const owner = core.services.session.user();
    const res = await core.invoke('users.setDisabled', { id: owner?.id ?? 0, disabled: true });
    expect(res.ok ? null : res.error.code).toBe('conflict');
  });

  it('changes a password only with the current one; the new one signs in', async () => {
    await workerUser();
    await signIn('sam.chen', PW);
    const bad = await core.invoke('account.changePassword', {
      currentPassword: 'nope',
      newPassword: 'a new password 2',
    });
    expect(bad.ok ? null : bad.error.fields).toEqual({
      currentPassword: 'This is not your current password',
    });
    // A wrong current password is throttled like a sign-in (the next try waits a second).
    clock.advance(60_000);
    const short = await core.invoke('account.changePassword', {
      currentPassword: PW,
      newPassword: 'short',
    });
    expect(short.ok ? null : short.error.fields).toEqual({
      newPassword: 'Use at least 10 characters',
    });
    await call(core, 'account.changePassword', {
      currentPassword: PW,
      newPassword: 'a new password 2',
    });
    await call(core, 'auth.signOut', {});
    expect((await signIn('sam.chen', PW)).ok).toBe(false);
    clock.advance(60_000);
    expect((await signIn('sam.chen', 'a new password 2')).ok).toBe(true);
  });

  it('lets the owner reset a password, which also clears a lockout', async () => {
    const { user } = await workerUser();
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await signIn('sam.chen', 'nope');
    }
    await signIn(OWNER.username, OWNER.password);
    const lockedUntil = async () =>
      (await call(core, 'users.list', {})).find((u) => u.id === user.id)?.lockedUntil;
    // The fifth failure, at the clock's current time, locked the account for 15 minutes.
    expect(await lockedUntil()).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
    await call(core, 'users.resetPassword', { id: user.id, newPassword: 'fresh password 3' });
    expect(await lockedUntil()).toBeNull();
    await call(core, 'auth.signOut', {});
    expect((await signIn('sam.chen', 'fresh password 3')).ok).toBe(true);
  });

  it('links worker and supervisor accounts to existing records only', async () => {
    const res = await core.invoke('users.create', {
      username: 'ghost',
      displayName: 'Ghost',
      role: 'worker',
      workerId: 999,
      password: 'long enough 1',
    });
    expect(res.ok ? null : res.error.fields).toEqual({ workerId: 'No such worker' });
    const noLink = await core.invoke('users.create', {
      username: 'ghost',
      displayName: 'Ghost',
      role: 'supervisor',
      password: 'long enough 1',
    });
    expect(noLink.ok ? null : noLink.error.fields?.supervisorId).toContain(
      'linked to a supervisor',
    );
    expect((await call(core, 'users.list', {})).map((u) => u.username)).toEqual(['owner']);
  });

  it('checks the recovery code at set-up and leaves nothing behind when it is wrong', async () => {
    const fresh = await openTempCore(clock, { setUp: false });
    try {
      expect((await call(fresh, 'auth.status', {})).phase).toBe('setup');
      const { recoveryCode } = await call(fresh, 'setup.prepare', {});
      const input = {
        practiceName: 'P',
        ownerName: 'O',
        username: 'owner',
        password: 'owner password 1',
      };
      const wrong = await fresh.invoke('setup.complete', {
        ...input,
        recoveryCodeCheck: 'AAAAA-AAAAA',
      });
      expect(wrong.ok ? null : wrong.error.fields?.recoveryCodeCheck).toContain('does not match');
      // Nothing was written: no database, no key file, and the practice is not open.
      expect(existsSync(join(fresh.folder, 'hourkeep.db'))).toBe(false);
      expect(existsSync(join(fresh.folder, 'hourkeep.keys'))).toBe(false);
      expect(fresh.isOpen()).toBe(false);
      const typed = recoveryCode.slice(-11).toLowerCase().replace('-', ' ');
      expect(
        (await call(fresh, 'setup.complete', { ...input, recoveryCodeCheck: typed })).phase,
      ).toBe('active');
      const again = await fresh.invoke('setup.prepare', {});
      expect(again.ok ? null : again.error.code).toBe('conflict');
    } finally {
      await fresh.dispose();
    }
  });
});
