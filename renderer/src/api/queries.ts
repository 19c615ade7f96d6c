import {
  useMutation,
  useQuery,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api, type ApiError, type ApiInput, type ApiName, type ApiResult } from './client';
import { callConfirmingSensitive } from '../lib/sensitive';
import type { Supervisor } from '../lib/domain';

/** Query keys are `[call name, input]`: invalidation.ts finds a query's `reads` by the name. */
export const queryKey = <K extends ApiName>(name: K, input: ApiInput<K>) => [name, input] as const;

export function useApiQuery<K extends ApiName>(
  name: K,
  input: ApiInput<K>,
  options: Omit<
    UseQueryOptions<ApiResult<K>, ApiError, ApiResult<K>, readonly [K, ApiInput<K>]>,
    'queryKey' | 'queryFn'
  > = {},
) {
  return useQuery({
    queryKey: queryKey(name, input),
    queryFn: () => api.call(name, input),
    ...options,
  });
}

/**
 * A write from a form. What it changed is refreshed by api.call itself (invalidation.ts), before
 * the mutation settles.
 */
export function useApiMutation<K extends ApiName>(name: K) {
  return useMutation<ApiResult<K>, ApiError, ApiInput<K>>({
    // Free text main flags as sensitive is asked about once and resent if the user confirms.
    mutationFn: (input) => callConfirmingSensitive(name, input),
  });
}

export const usePractice = () => useApiQuery('practice.get', {});
export const useSites = () => useApiQuery('sites.list', {});
/** Supervisors as the caller may see them: a worker gets only their own, by name and licence. */
export const useSupervisors = () => useApiQuery('supervisors.list', {});
/**
 * Every supervisor with every field, for screens only the owner or a supervisor opens (the
 * server answers them in full; a worker's list has no contact details or expiry).
 */
export const useSupervisorRecords = () =>
  useApiQuery('supervisors.list', {}) as UseQueryResult<Supervisor[], ApiError>;
export const useWorkers = () => useApiQuery('workers.list', {});
export const useAssignments = (workerId: number | null) =>
  useApiQuery(
    'assignments.list',
    { workerId: workerId ?? undefined },
    { enabled: workerId !== null },
  );
export const useWeek = (workerId: number | null, weekStart: string) =>
  useApiQuery(
    'hours.week',
    { workerId: workerId ?? 0, weekStart },
    {
      enabled: workerId !== null,
      // Keep the last week on screen while the next loads, but never another worker's week.
      placeholderData: (prev) => (prev?.workerId === workerId ? prev : undefined),
    },
  );
export const useUsers = () => useApiQuery('users.list', {});
export const useSettings = () => useApiQuery('settings.get', {});
