import { describe, expect, it, vi } from 'vitest';
import { API_NAMES } from '../../main/api/contract.js';
import { makeDispatch } from '../../main/api/dispatch.js';
import { AppError } from '../../main/api/envelope.js';
import type { HandlerContext, HandlerMap } from '../../main/api/handler-types.js';
import { DOMAIN_HANDLERS, mergeHandlers } from '../../main/api/registry.js';

const ctx = (role: HandlerContext['session']['role'] = 'owner') =>
  ({ session: { role, userId: null }, services: {} }) as unknown as HandlerContext;

function handlersWith(overrides: Partial<HandlerMap>): HandlerMap {
  const base = Object.fromEntries(API_NAMES.map((n) => [n, vi.fn(async () => 'ok')]));
  return { ...base, ...overrides } as unknown as HandlerMap;
}

describe('dispatch', () => {
  it('passes parsed (trimmed) input to the handler and wraps the value', async () => {
    const create = vi.fn(async (input: { name: string }) => ({ id: 1, ...input }));
    const dispatch = makeDispatch(handlersWith({ 'sites.create': create as never }));
    const res = await dispatch('sites.create', { name: '  Eastside  ' }, ctx());
    expect(res).toEqual({
      ok: true,
      value: { id: 1, name: 'Eastside', address: null, phone: null },
    });
  });

  it('refuses unknown names, including prototype keys, as not_found', async () => {
    const dispatch = makeDispatch(handlersWith({}));
    for (const name of ['nope', '__proto__', 'toString', 42, null]) {
      const res = await dispatch(name, {}, ctx());
      expect(res.ok ? null : res.error.code).toBe('not_found');
    }
  });

  it('refuses a role the contract does not allow, before validating', async () => {
    const dispatch = makeDispatch(handlersWith({}));
    const res = await dispatch('sites.create', { name: 'X' }, ctx('worker'));
    expect(res.ok ? null : res.error.code).toBe('forbidden');
  });

  it('names each bad field and why', async () => {
    const dispatch = makeDispatch(handlersWith({}));
    const res = await dispatch(
      'supervisors.create',
      {
        firstName: ' ',
        lastName: 'Lopez',
        email: 'not-an-email',
        licenseType: 'LMFT',
        licenseNumber: 'LMFT 1',
        licenseState: 'California',
        licenseExpires: '2027-13-01',
        shoeSize: 9,
      },
      ctx(),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('validation');
    expect(res.error.fields).toEqual({
      firstName: 'Required',
      email: 'Enter a valid email address',
      licenseState: 'Use the two-letter state code',
      licenseExpires: 'Enter a real date as YYYY-MM-DD',
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
    );
    expect(await dispatch('sites.list', {}, ctx())).toEqual({
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
      { onInternalError: log },
    );
    const res = await dispatch('sites.list', {}, ctx());
    expect(res.ok ? null : res.error).toEqual({
      code: 'internal',
      message: 'Something went wrong. The change was not saved.',
    });
    expect(JSON.stringify(res)).not.toContain('SQLITE');
    expect(log).toHaveBeenCalledOnce();
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
