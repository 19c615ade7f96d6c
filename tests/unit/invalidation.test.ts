import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  API_NAMES,
  contract,
  type ApiName,
  type ContractEntry,
} from '../../shared/api/contract.js';
import type { Table } from '../../shared/api/tables.js';
import {
  invalidateChanged,
  readsAny,
  refreshAfterCall,
  tablesChangedBy,
} from '../../renderer/src/api/invalidation.js';

/** What main may report for a write: the tables its contract entry says it changes. */
const declared = (name: ApiName): Table[] => [...((contract[name] as ContractEntry).changes ?? [])];

/** Every call whose cached answers the tables a successful `name` reported make stale. */
const staleAfter = (name: ApiName, reported = declared(name)) => {
  const changed = tablesChangedBy(name, reported);
  return API_NAMES.filter((read) => readsAny([read, {}], changed));
};

describe('which queries a change makes stale (renderer/src/api/invalidation.ts)', () => {
  it("hours.add's tables stale the week and progress, not the settings", () => {
    const stale = staleAfter('hours.add');
    expect(stale).toEqual(
      expect.arrayContaining(['hours.week', 'progress.worker', 'progress.overview']),
    );
    expect(stale).not.toContain('settings.get');
    expect(stale).not.toContain('sites.list');
  });

  it("erasing a person's hours stales the week and progress (issue 17's missing refresh)", () => {
    for (const erase of ['privacy.deletion.execute', 'privacy.requests.decide'] as const) {
      expect(staleAfter(erase, ['audit_log', 'hour_entries'])).toEqual(
        expect.arrayContaining(['hours.week', 'weeks.get', 'progress.worker', 'progress.overview']),
      );
    }
  });

  it('a table no read shows stales nothing, and the trail only the audit screen', () => {
    expect(staleAfter('stats.exportCsv', ['audit_log'])).toEqual(['audit.list']);
    expect(API_NAMES.filter((n) => readsAny([n, {}], []))).toEqual([]);
  });

  it('a read never invalidates, whatever its envelope says', () => {
    expect(tablesChangedBy('hours.week', ['hour_entries'])).toEqual([]);
    expect(tablesChangedBy('settings.get', ['settings'])).toEqual([]);
  });

  it('a write that changed nothing invalidates nothing', () => {
    expect(tablesChangedBy('hours.add', [])).toEqual([]);
    expect(tablesChangedBy('settings.update', undefined)).toEqual([]);
  });

  it("settings.update counts this workstation's settings file as changed (main cannot report it)", () => {
    // Moving the backup folder or changing retention: main reports only the audit row.
    expect(staleAfter('settings.update', ['audit_log'])).toEqual(
      expect.arrayContaining(['settings.get', 'backups.list']),
    );
  });

  it('keys that are not calls, or are not arrays of a name, match nothing', () => {
    expect(readsAny(['no.such.call', {}], ['hour_entries'])).toBe(false);
    expect(readsAny([42], ['hour_entries'])).toBe(false);
    expect(readsAny(['toString'], ['hour_entries'])).toBe(false);
  });

  // The refreshes the hand-kept INVALIDATES map made before issue 17: each must still happen.
  const BEFORE: [ApiName, ApiName[]][] = [
    ['practice.update', ['practice.get']],
    ['sites.update', ['sites.list']],
    ['supervisors.update', ['supervisors.list']],
    ['workers.update', ['workers.list']],
    ['assignments.update', ['assignments.list']],
    ['hours.delete', ['hours.week', 'progress.worker', 'progress.overview']],
    ['users.resetPassword', ['users.list', 'weeks.signingKeys']],
    ['settings.update', ['settings.get']],
    ['ce.cycles.save', ['ce.cycles.list', 'ce.status', 'ce.overview']],
    ['weeks.approve', ['weeks.get', 'weeks.list', 'weeks.queue', 'progress.overview']],
    ['sessions.update', ['sessions.list', 'hours.week', 'progress.worker', 'progress.overview']],
    ['packs.update', ['packs.list', 'packs.get', 'progress.worker', 'progress.overview']],
    ['workers.setPack', ['packs.list', 'packs.get', 'progress.worker', 'progress.overview']],
  ];
  it.each(BEFORE)('%s still refreshes what the old map refreshed', (write, reads) => {
    expect(staleAfter(write)).toEqual(expect.arrayContaining(reads));
  });
});

describe('invalidating a real query cache', () => {
  const week = ['hours.week', { workerId: 1, weekStart: '2026-11-30' }] as const;
  const overview = ['progress.overview', {}] as const;
  const settings = ['settings.get', {}] as const;
  const other = ['not-a-call', {}] as const;

  function filledCache() {
    const client = new QueryClient();
    for (const key of [week, overview, settings, other]) client.setQueryData(key, { read: true });
    return client;
  }
  const invalidated = (client: QueryClient) =>
    [week, overview, settings, other]
      .filter((key) => client.getQueryState(key)?.isInvalidated)
      .map((key) => key[0]);

  it('marks stale exactly the cached queries that read a changed table', async () => {
    const client = filledCache();
    await refreshAfterCall(client, 'hours.add', { workerId: 1 }, ['audit_log', 'hour_entries']);
    expect(invalidated(client)).toEqual(['hours.week', 'progress.overview']);
  });

  it('leaves the cache alone after a read or a write that changed nothing', async () => {
    const client = filledCache();
    await refreshAfterCall(client, 'hours.week', week[1], ['hour_entries']);
    await refreshAfterCall(client, 'hours.add', { workerId: 1 }, undefined);
    expect(invalidated(client)).toEqual([]);
  });

  it('spares the query whose own call reported the change: its answer is the new one', async () => {
    const client = filledCache();
    await invalidateChanged(client, ['hour_entries'], [...week]);
    expect(invalidated(client)).toEqual(['progress.overview']);
  });
});
