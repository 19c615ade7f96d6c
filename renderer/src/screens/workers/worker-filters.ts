import { useMemo } from 'react';
import { useApiQuery, useSites, useSupervisors } from '../../api/queries';
import { statusFilter, type ListFilter, type ListSearch } from '../../components/ListFilters';
import { todayIso } from '../../lib/dates';
import type { Assignment, Worker } from '../../lib/domain';
import { fullName, sortName } from '../../lib/people';

/** The search box looks in a worker's name, email, phone, title and registration number. */
export const workerSearch: ListSearch<Worker> = {
  placeholder: 'Search name, email, registration…',
  text: (w) => [fullName(w), w.email, w.phone, w.title, w.registrationNumber].join(' '),
};

/** Still at the practice: active, and no end date passed. */
const current = (w: Worker) => w.active && (!w.endDate || w.endDate >= todayIso());

/**
 * The Workers list's filters: current or left, and (from the supervision assignments running
 * today) the site and, for the owner, the supervisor.
 */
export function useWorkerFilters(owner: boolean): ListFilter<Worker>[] {
  const assignments = useApiQuery('assignments.list', {});
  const sites = useSites();
  const supervisors = useSupervisors();
  return useMemo(() => {
    const today = todayIso();
    const running = (assignments.data ?? []).filter(
      (a) => a.startDate <= today && (!a.endDate || a.endDate >= today),
    );
    const byAssignment = (key: 'siteId' | 'supervisorId') => (w: Worker, v: string) =>
      running.some((a: Assignment) => a.workerId === w.id && String(a[key]) === v);
    const filters: ListFilter<Worker>[] = [
      statusFilter<Worker>('Current', 'Left or inactive', current),
      {
        label: 'Site',
        all: 'All sites',
        options: (sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name })),
        test: byAssignment('siteId'),
      },
    ];
    if (owner)
      filters.push({
        label: 'Supervisor',
        all: 'All supervisors',
        options: [...(supervisors.data ?? [])]
          .sort((a, b) => sortName(a).localeCompare(sortName(b)))
          .map((s) => ({ value: String(s.id), label: fullName(s) })),
        test: byAssignment('supervisorId'),
      });
    return filters;
  }, [assignments.data, sites.data, supervisors.data, owner]);
}
