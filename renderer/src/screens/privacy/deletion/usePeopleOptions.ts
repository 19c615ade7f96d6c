import { useSupervisors, useWorkers } from '../../../api/queries';
import { fullName } from '../../../lib/people';

/**
 * Workers and supervisors as one picker's options, valued "worker:3" / "supervisor:2": names
 * as everywhere ("Jordan Avery"), the role said by the group, not by the name.
 */
export function usePeopleOptions() {
  const workers = useWorkers();
  const supervisors = useSupervisors();
  const groups = [
    {
      group: 'Workers',
      items: (workers.data ?? []).map((w) => ({
        value: `worker:${w.id}`,
        label: fullName(w),
      })),
    },
    {
      group: 'Supervisors',
      items: (supervisors.data ?? []).map((s) => ({
        value: `supervisor:${s.id}`,
        label: fullName(s),
      })),
    },
  ];
  return { groups, loading: workers.isLoading || supervisors.isLoading };
}

export type PersonChoice = { personType: 'worker' | 'supervisor'; personId: number };

export function parseChoice(value: string | null): PersonChoice | null {
  const m = /^(worker|supervisor):(\d+)$/.exec(value ?? '');
  if (!m) return null;
  return { personType: m[1] as PersonChoice['personType'], personId: Number(m[2]) };
}
