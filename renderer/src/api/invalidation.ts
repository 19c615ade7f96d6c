import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { AppEvent } from '../../../shared/api/bridge';
import { contract, type ApiName, type ContractEntry } from '../../../shared/api/contract';
import type { Table } from '../../../shared/api/tables';

/**
 * Which cached answers a change makes stale, from the contract alone (issue 17): a query's key
 * is `[call name, input]`, and a query is stale when its call's `reads` names a table that
 * changed. Main says what a call changed in its envelope (`changed`) and what work outside any
 * call changed in a `changed` event; nothing here names a call by hand except the one store
 * main cannot report (below).
 */

/**
 * Stores a call changes that main does not report. settings.update writes this workstation's
 * settings file only when a value differs, but main reports a declared store on every success
 * (and a test pins the bare envelope of an update that changes nothing), so the contract leaves
 * the file out. Whenever main reports that the call changed anything, the file counts as
 * changed too: the settings and the backup list (its folder and retention rules) are re-read.
 */
const UNREPORTED_STORES: Partial<Record<ApiName, readonly Table[]>> = {
  'settings.update': ['settings'],
};

const entryOf = (name: string): ContractEntry | undefined =>
  Object.hasOwn(contract, name) ? (contract[name as ApiName] as ContractEntry) : undefined;

/**
 * The tables a successful call changed, as the renderer counts them: what main reported, plus
 * the stores main cannot report. A read (a call that declares no `changes`) never changes
 * anything, whatever its envelope says.
 */
export function tablesChangedBy(name: ApiName, reported: readonly Table[] = []): Table[] {
  if (!entryOf(name)?.changes?.length || reported.length === 0) return [];
  return [...new Set([...reported, ...(UNREPORTED_STORES[name] ?? [])])];
}

/** Whether the cached answer under `queryKey` shows one of the `changed` tables. */
export function readsAny(queryKey: readonly unknown[], changed: readonly Table[]): boolean {
  const name = queryKey[0];
  const reads = typeof name === 'string' ? (entryOf(name)?.reads ?? []) : [];
  return reads.some((table) => changed.includes(table));
}

/**
 * Marks every cached query that reads a changed table stale and refetches those on screen,
 * resolving once they are re-read. `except` is the key of the query whose own call reported
 * the change (a read that writes, such as seeding default rules on first use): its answer is
 * already the new one.
 */
export async function invalidateChanged(
  client: QueryClient,
  changed: readonly Table[],
  except?: readonly unknown[],
): Promise<void> {
  if (changed.length === 0) return;
  const own = except && hashKey(except);
  await client.invalidateQueries({
    predicate: (query) => query.queryHash !== own && readsAny(query.queryKey, changed),
  });
}

/** After a successful call: refreshes what it changed (client.ts runs this for every call). */
export const refreshAfterCall = (
  client: QueryClient,
  name: ApiName,
  input: unknown,
  reported: readonly Table[] | undefined,
) => invalidateChanged(client, tablesChangedBy(name, reported), [name, input]);

/**
 * Work outside any call (scheduled backups and deletions, conversion) arrives as `changed`
 * events; returns the unsubscribe function.
 */
export function followBackgroundChanges(
  client: QueryClient,
  bridge: { onEvent(listener: (event: AppEvent) => void): () => void },
): () => void {
  return bridge.onEvent((event) => {
    if (event.type === 'changed') void invalidateChanged(client, event.tables);
  });
}
