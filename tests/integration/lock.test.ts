import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core.js';
import { createMemorySecretStore } from '../../main/platform/memory-secret-store.js';
import { carryServerPassword } from '../support/pg-test-server.js';
import { call, seedPractice } from '../support/seed.js';
import {
  OWNER,
  TEST_PASSWORD_KDF,
  fakeClock,
  openTempCore,
  testSecretStore,
  type TempCore,
} from '../support/temp-core.js';

const MIN = 60_000;

describe('auto-lock and key recovery through the core', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');
  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock);
  });
  afterEach(() => core.dispose());

  const phase = async () => (await call(core, 'auth.status', {})).phase;

  it('locks after the idle timeout; while locked only status, unlock and sign-out answer', async () => {
    const { worker } = await seedPractice(core);
    const changes: boolean[] = [];
    core.onLockChange((c) => changes.push(c.locked));
    clock.advance(5 * MIN - 1);
    core.tick();
    expect(await phase()).toBe('active');
    clock.advance(1);
    core.tick();
    expect(await phase()).toBe('locked');
    expect(changes).toEqual([true]);
    const week = await core.invoke('hours.week', { workerId: worker.id, weekStart: '2026-11-16' });
    expect(week.ok ? null : week.error.code).toBe('locked');
    const activity = await core.invoke('lock.activity', {});
    expect(activity.ok ? null : activity.error.code).toBe('locked');
    const wrong = await core.invoke('auth.unlock', { password: 'nope' });
    expect(wrong.ok ? null : wrong.error.message).toBe('Wrong username or password.');
    clock.advance(1000); // failed unlocks are throttled like sign-ins
    expect((await call(core, 'auth.unlock', { password: OWNER.password })).phase).toBe('active');
    expect(changes).toEqual([true, false]);
    const actions = (await core.db('audit_log').orderBy('id').pluck('action')).slice(-3);
    expect(actions).toEqual(['lock', 'unlock_failed', 'unlock']);
  });

  it("the menu's viewer role follows sign-in, lock, unlock and sign-out, each a lock change", async () => {
    const { worker } = await seedPractice(core);
    await call(core, 'users.create', {
      username: 'sam',
      displayName: 'Sam Chen',
      role: 'worker',
      workerId: worker.id,
      password: 'worker password 1',
    });
    // What main/electron does: rebuild the menu for core.viewerRole() on every lock change.
    const seen: (string | null)[] = [];
    core.onLockChange(() => seen.push(core.viewerRole()));
    expect(core.viewerRole()).toBe('owner');
    core.lock('manual');
    expect(core.viewerRole()).toBeNull();
    await call(core, 'auth.unlock', { password: OWNER.password });
    await call(core, 'auth.signOut', {});
    expect(core.viewerRole()).toBeNull();
    await call(core, 'auth.signIn', { username: 'sam', password: 'worker password 1' });
    expect(core.viewerRole()).toBe('worker');
    expect(seen).toEqual([null, 'owner', null, 'worker']);
  });

  it('uses the OS idle time when it is shorter than the time since app activity', async () => {
    clock.advance(30 * MIN);
    core.tick(10);
    expect(await phase()).toBe('active');
    core.tick(300);
    expect(await phase()).toBe('locked');
  });

  it('app activity postpones the idle lock; the setting changes the timeout', async () => {
    await call(core, 'settings.update', { idleMinutes: 1 });
    clock.advance(50_000);
    await call(core, 'lock.activity', {});
    clock.advance(50_000);
    core.tick();
    expect(await phase()).toBe('active');
    clock.advance(10_001);
    core.tick();
    expect(await phase()).toBe('locked');
  });

  it.each(['os-lock', 'suspend', 'manual'] as const)('locks at once on %s', async (reason) => {
    core.lock(reason);
    expect(await call(core, 'auth.status', {})).toMatchObject({
      phase: 'locked',
      lockReason: reason,
    });
  });

  it('locks from the API (Ctrl+L); the recovery code resets an owner password, never just unlocks', async () => {
    await call(core, 'lock.now', {});
    expect(await phase()).toBe('locked');
    // The database is closed and its keys overwritten while locked.
    expect(core.isOpen()).toBe(false);
    // The recovery code does not unlock a session by itself…
    const plain = await core.invoke('auth.recover', { code: core.recoveryCode ?? '' });
    expect(plain.ok ? null : plain.error.code).toBe('conflict');
    expect(await phase()).toBe('locked');
    // …it sets a new password for an owner, who is then signed in (and both are audited).
    const bad = await core.invoke('auth.resetWithRecoveryCode', {
      code: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA',
      username: OWNER.username,
      newPassword: 'a brand new password',
    });
    expect(bad.ok ? null : bad.error.fields).toEqual({
      code: 'This recovery code does not open this practice',
    });
    const reset = await call(core, 'auth.resetWithRecoveryCode', {
      code: core.recoveryCode ?? '',
      username: OWNER.username,
      newPassword: 'a brand new password',
    });
    expect(reset.phase).toBe('active');
    const actions = (await core.db('audit_log').orderBy('id').pluck('action')).slice(-2);
    expect(actions).toEqual(['password_reset', 'sign_in']);
    await call(core, 'auth.signOut', {});
    clock.advance(MIN);
    const old = await core.invoke('auth.signIn', {
      username: OWNER.username,
      password: OWNER.password,
    });
    expect(old.ok).toBe(false);
    clock.advance(MIN);
    expect(
      (
        await call(core, 'auth.signIn', {
          username: OWNER.username,
          password: 'a brand new password',
        })
      ).phase,
    ).toBe('active');
  });

  it('signs the session out when unlock attempts reach the lockout', async () => {
    await call(core, 'settings.update', { maxFailedSignIns: 3 });
    core.lock('manual');
    for (let i = 0; i < 3; i++) {
      clock.advance(MIN);
      await core.invoke('auth.unlock', { password: 'nope' });
    }
    expect(await phase()).toBe('signed-out');
  });

  it('asks for the recovery code when the keychain lacks the key, then stores it there', async () => {
    await core.close();
    // Same data folder, a keychain that has never seen this practice's key.
    const keychain = createMemorySecretStore();
    // A practice on a server also needs its server password, which the keychain held too: the
    // owner enters it again (PostgreSQL pass; a file practice has none).
    await carryServerPassword(core.folder, testSecretStore(), keychain);
    const reopened = await openCore({
      dataFolder: core.folder,
      version: 't',
      secrets: keychain,
      clock,
      passwordKdf: TEST_PASSWORD_KDF,
    });
    try {
      const st = await call(reopened, 'auth.status', {});
      expect(st.phase).toBe('key-needed');
      expect(st.keychainMessage).toContain('recovery code');
      const signIn = await reopened.invoke('auth.signIn', {
        username: OWNER.username,
        password: OWNER.password,
      });
      expect(signIn.ok && signIn.value).toMatchObject({ phase: 'key-needed' });
      expect((await call(reopened, 'auth.recover', { code: core.recoveryCode ?? '' })).phase).toBe(
        'signed-out',
      );
      // The key file is bound to this keychain now (a secret of its own, not the data key).
      expect(keychain.accounts().filter((a) => a.startsWith('binding:'))).toHaveLength(1);
    } finally {
      await reopened.close();
    }
    // And with the key now in that keychain, a restart goes straight to sign-in.
    const again = await openCore({
      dataFolder: core.folder,
      version: 't',
      secrets: keychain,
      clock,
    });
    expect((await call(again, 'auth.status', {})).phase).toBe('signed-out');
    await again.close();
    core = await openTempCore(clock); // afterEach disposes a live core
  });

  it('finds the key in the real keychain on restart', async () => {
    await core.close();
    const reopened = await openCore({
      dataFolder: core.folder,
      version: 't',
      secrets: testSecretStore(),
      clock,
    });
    expect((await call(reopened, 'auth.status', {})).phase).toBe('signed-out');
    await reopened.close();
    core = await openTempCore(clock);
  });
});
