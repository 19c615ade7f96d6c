import { describe, expect, it, vi } from 'vitest';
import { API_NAMES } from '../../shared/api/contract.js';
import { makeDispatch } from '../../main/api/dispatch.js';
import { AppError } from '../../shared/errors.js';
import type { DispatchPorts } from '../../main/api/dispatch.js';
import type { HandlerMap } from '../../main/api/handler-types.js';
import type { SessionUser } from '../../main/services/session.js';
import { DOMAIN_HANDLERS, mergeHandlers } from '../../main/api/registry.js';

const userAs = (role: SessionUser['role']): SessionUser => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  workerId: role === 'worker' ? 1 : null,
  supervisorId: role === 'supervisor' ? 1 : null,
});

/** Ports for a caller; the scope rule here says worker 2 is out of reach for non-owners. */
function ports(
  role: SessionUser['role'] | null = 'owner',
  over: Partial<DispatchPorts> = {},
): DispatchPorts & { forbidden: string[] } {
  const forbidden: string[] = [];
  const user = role ? userAs(role) : null;
  return {
    forbidden,
    user: () => user,
    isLocked: () => false,
    subjects: async (_name, input) => {
      const w = (input as { workerId?: number }).workerId;
      return w === undefined ? [] : [w];
    },
    canActOnWorker: async (u, workerId) => u.role === 'owner' || workerId === 1,
    sensitiveTextPolicy: async () => 'warn',
    context: (u) => ({ user: u, services: {} }) as never,
    onForbidden: async (name, _u, why) => {
      forbidden.push(`${name}: ${why}`);
    },
    ...over,
  };
}

function handlersWith(overrides: Partial<HandlerMap>): HandlerMap {
  const base = Object.fromEntries(API_NAMES.map((n) => [n, vi.fn(async () => 'ok')]));
  return { ...base, ...overrides } as unknown as HandlerMap;
}

describe('dispatch', () => {
  it('passes parsed (trimmed) input to the handler and wraps the value', async () => {
    const create = vi.fn(async (input: { name: string }) => ({ id: 1, ...input }));
    const dispatch = makeDispatch(handlersWith({ 'sites.create': create as never }), ports());
    const res = await dispatch('sites.create', { name: '  Eastside  ' });
    expect(res).toEqual({
      ok: true,
      value: { id: 1, name: 'Eastside', address: null, phone: null },
    });
  });

  it('refuses unknown names, including prototype keys, as not_found', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports());
    for (const name of ['nope', '__proto__', 'toString', 42, null]) {
      const res = await dispatch(name, {});
      expect(res.ok ? null : res.error.code).toBe('not_found');
    }
  });

  it('refuses a role the contract does not allow, before validating', async () => {
    const p = ports('worker');
    const dispatch = makeDispatch(handlersWith({}), p);
    const res = await dispatch('sites.create', { name: 'X' });
    expect(res.ok ? null : res.error.code).toBe('forbidden');
    expect(p.forbidden).toEqual(['sites.create: role worker may not call sites.create']);
  });

  it('refuses a signed-out caller except on public calls', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports(null));
    const res = await dispatch('sites.list', {});
    expect(res.ok ? null : res.error).toEqual({ code: 'forbidden', message: 'Sign in first.' });
    expect((await dispatch('auth.status', {})).ok).toBe(true);
  });

  it('answers locked while locked, except calls that work while locked', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports('owner', { isLocked: () => true }));
    const res = await dispatch('hours.week', { workerId: 1, weekStart: '2026-11-16' });
    expect(res.ok ? null : res.error.code).toBe('locked');
    expect((await dispatch('auth.unlock', { password: 'x' })).ok).toBe(true);
    expect((await dispatch('auth.status', {})).ok).toBe(true);
  });

  it('refuses and audits a worker outside the caller scope, after validation', async () => {
    const p = ports('worker');
    const dispatch = makeDispatch(handlersWith({}), p);
    expect((await dispatch('hours.week', { workerId: 1, weekStart: '2026-11-16' })).ok).toBe(true);
    const res = await dispatch('hours.week', { workerId: 2, weekStart: '2026-11-16' });
    expect(res.ok ? null : res.error.code).toBe('forbidden');
    expect(p.forbidden).toEqual(["hours.week: worker 2 is outside the caller's scope"]);
  });

  it('names each bad field and why', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports());
    const res = await dispatch('supervisors.create', {
      firstName: ' ',
      lastName: 'Lopez',
      email: 'not-an-email',
      licenseType: 'LMFT',
      licenseNumber: 'LMFT 1',
      licenseState: 'California',
      licenseExpires: '2027-13-01',
      shoeSize: 9,
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('validation');
    expect(res.error.fields).toEqual({
      firstName: 'Required',
      email: 'Enter a valid email address',
      licenseState: 'Use the two-letter state code',
      licenseExpires: 'Enter a real date: day, month and year',
      shoeSize: 'Unknown field',
    });
  });

  it('turns an AppError into its code and keeps its fields', async () => {
    const dispatch = makeDispatch(
      handlersWith({
        'sites.list': (async () => {
          throw new AppError('conflict', 'Already there', { name: 'Taken' });
        }) as never,
      }),
      ports(),
    );
    expect(await dispatch('sites.list', {})).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Already there', fields: { name: 'Taken' } },
    });
  });

  it('hides unexpected errors behind internal, reporting them to the log hook only', async () => {
    const log = vi.fn();
    const dispatch = makeDispatch(
      handlersWith({
        'sites.list': (async () => {
          throw new Error('SQLITE_CORRUPT: secret detail at /home/x');
        }) as never,
      }),
      ports('owner', { onInternalError: log }),
    );
    const res = await dispatch('sites.list', {});
    expect(res.ok ? null : res.error).toEqual({
      code: 'internal',
      message: 'Something went wrong. The change was not saved.',
    });
    expect(JSON.stringify(res)).not.toContain('SQLITE');
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('dispatch: free text that looks sensitive', () => {
  const entry = {
    workerId: 1,
    date: '2026-11-20',
    siteId: 1,
    supervisorId: 1,
    category: 'direct_individual',
    minutes: 60,
  };

  it('warns with sensitive_text naming the field, and does not call the handler', async () => {
    const add = vi.fn(async () => 'saved');
    const dispatch = makeDispatch(handlersWith({ 'hours.add': add as never }), ports('worker'));
    const res = await dispatch('hours.add', { ...entry, note: 'Client SSN 123-45-6789' });
    expect(res.ok ? null : res.error).toEqual({
      code: 'sensitive_text',
      message:
        'Looks like a Social Security number (“123-45-6789”). Hourkeep should not hold it; remove it, or confirm to save anyway.',
      fields: { note: 'Looks like a Social Security number (“123-45-6789”)' },
    });
    expect(add).not.toHaveBeenCalled();
  });

  it('passes once confirmed, without the flag reaching the handler', async () => {
    const add = vi.fn(async (_input: unknown) => 'saved');
    const dispatch = makeDispatch(handlersWith({ 'hours.add': add as never }), ports('worker'));
    const res = await dispatch('hours.add', {
      ...entry,
      note: 'DOB 03/14/1988',
      confirmSensitive: true,
    });
    expect(res).toEqual({ ok: true, value: 'saved' });
    expect(add.mock.calls[0]?.[0]).toEqual({ ...entry, note: 'DOB 03/14/1988' });
  });

  it('under the block policy refuses as validation even when confirmed', async () => {
    const add = vi.fn(async () => 'saved');
    const p = ports('worker', { sensitiveTextPolicy: async () => 'block' });
    const dispatch = makeDispatch(handlersWith({ 'hours.add': add as never }), p);
    const res = await dispatch('hours.add', { ...entry, note: 'dx F32.1', confirmSensitive: true });
    expect(res.ok ? null : res.error.code).toBe('validation');
    expect(res.ok ? null : res.error.fields).toEqual({
      note: 'Looks like a diagnosis code (“F32.1”). The practice does not allow this in Hourkeep; remove it',
    });
    expect(add).not.toHaveBeenCalled();
  });

  it('checks nested fields by their dotted path', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports('worker'));
    const res = await dispatch('privacy.requests.file', {
      kind: 'correction',
      week: { weekStart: '2026-11-16', proposed: { note: 'born 1988-03-14' } },
    });
    expect(res.ok ? null : res.error.fields).toEqual({
      'week.proposed.note': 'Looks like a birth date (“1988-03-14”)',
    });
  });

  it('lets clean text through, and asks nothing of the policy', async () => {
    const policy = vi.fn(async () => 'block' as const);
    const dispatch = makeDispatch(
      handlersWith({}),
      ports('worker', { sensitiveTextPolicy: policy }),
    );
    const res = await dispatch('hours.add', { ...entry, note: 'Room F3, CA LMFT 12345' });
    expect(res.ok).toBe(true);
    expect(policy).not.toHaveBeenCalled();
  });

  it('refuses a confirmation that is not a boolean, and on calls without free text', async () => {
    const dispatch = makeDispatch(handlersWith({}), ports('worker'));
    const bad = await dispatch('hours.add', { ...entry, confirmSensitive: 'yes' });
    expect(bad.ok ? null : bad.error.fields).toEqual({ confirmSensitive: 'Must be true or false' });
    const other = await dispatch('sites.list', { confirmSensitive: true });
    expect(other.ok ? null : other.error.fields).toEqual({ confirmSensitive: 'Unknown field' });
  });
});

describe('handler registry', () => {
  it('covers every contract name exactly once', () => {
    expect(() => mergeHandlers(DOMAIN_HANDLERS)).not.toThrow();
  });

  it('throws at start-up on a duplicate name', () => {
    const dup = { 'sites.list': async () => [] } as never;
    expect(() => mergeHandlers([...DOMAIN_HANDLERS, dup])).toThrow(
      'Duplicate handler for API name: sites.list',
    );
  });

  it('throws on a name outside the contract and on a missing handler', () => {
    expect(() =>
      mergeHandlers([...DOMAIN_HANDLERS, { 'sites.nuke': async () => 1 } as never]),
    ).toThrow('unknown API name: sites.nuke');
    const [first, ...rest] = DOMAIN_HANDLERS;
    const partial = Object.fromEntries(Object.entries(first ?? {}).slice(1));
    expect(() => mergeHandlers([partial, ...rest])).toThrow('No handler for API names');
  });
});
