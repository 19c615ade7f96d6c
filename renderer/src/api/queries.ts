import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api, type ApiError, type ApiInput, type ApiName, type ApiResult } from './client';
import { callConfirmingSensitive } from '../lib/sensitive';
import type { Supervisor } from '../lib/domain';

/** Query keys start with the API name, so a mutation can invalidate every read of a call. */
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

/** Which reads each write can change. */
const INVALIDATES: Partial<Record<ApiName, ApiName[]>> = {
  'practice.update': ['practice.get'],
  'sites.create': ['sites.list'],
  'sites.update': ['sites.list'],
  'supervisors.create': ['supervisors.list'],
  'supervisors.update': ['supervisors.list'],
  'workers.create': ['workers.list'],
  'workers.update': ['workers.list'],
  'assignments.create': ['assignments.list'],
  'assignments.update': ['assignments.list'],
  'hours.add': ['hours.week', 'progress.worker', 'progress.overview'],
  'hours.update': ['hours.week', 'progress.worker', 'progress.overview'],
  'hours.delete': ['hours.week', 'progress.worker', 'progress.overview'],
  'users.create': ['users.list'],
  'users.setDisabled': ['users.list'],
  'users.resetPassword': ['users.list', 'weeks.signingKeys'],
  'settings.update': ['settings.get'],
  'ce.create': ['ce.list', 'ce.status', 'ce.overview'],
  'ce.update': ['ce.list', 'ce.status', 'ce.overview'],
  'ce.delete': ['ce.list', 'ce.status', 'ce.overview'],
  'ce.cycles.save': ['ce.cycles.list', 'ce.status', 'ce.overview'],
  'ce.cycles.delete': ['ce.cycles.list', 'ce.status', 'ce.overview'],
  'weeks.submit': ['weeks.get', 'weeks.list', 'weeks.queue', 'progress.overview'],
  'weeks.return': ['weeks.get', 'weeks.list', 'weeks.queue', 'progress.overview'],
  'weeks.approve': ['weeks.get', 'weeks.list', 'weeks.queue', 'progress.overview'],
  'weeks.startAmendment': ['weeks.get', 'weeks.list', 'weeks.queue', 'progress.overview'],
  'sessions.create': ['sessions.list', 'hours.week', 'progress.worker', 'progress.overview'],
  'sessions.update': ['sessions.list', 'hours.week', 'progress.worker', 'progress.overview'],
  'sessions.delete': ['sessions.list', 'hours.week', 'progress.worker', 'progress.overview'],
  'packs.create': ['packs.list', 'packs.get'],
  'packs.update': ['packs.list', 'packs.get', 'progress.worker', 'progress.overview'],
  'packs.delete': ['packs.list'],
  'workers.setPack': ['packs.list', 'packs.get', 'progress.worker', 'progress.overview'],
};

export function useApiMutation<K extends ApiName>(name: K) {
  const client = useQueryClient();
  return useMutation<ApiResult<K>, ApiError, ApiInput<K>>({
    // Free text main flags as sensitive is asked about once and resent if the user confirms.
    mutationFn: (input) => callConfirmingSensitive(name, input),
    onSuccess: async () => {
      await Promise.all(
        (INVALIDATES[name] ?? []).map((key) => client.invalidateQueries({ queryKey: [key] })),
      );
    },
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
