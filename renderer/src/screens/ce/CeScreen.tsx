import { Button, Select } from '@mantine/core';
import { IconPlus, IconSchool } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useApiQuery, useWorkers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import type { CePersonType } from '../../lib/domain';
import { fullName } from '../../lib/people';
import { navigate, routeHref, useRoute } from '../../lib/route';
import { CeOverviewTable } from './CeOverviewTable';
import { CePersonView } from './CePersonView';
import type { CePersonInfo } from './ceFormat';
import { CeRecordModal } from './CeRecordModal';

const key = (p: { personType: CePersonType; personId: number }) => `${p.personType}:${p.personId}`;

/**
 * Continuing education: staff start from everyone they may see and pick a person; a worker
 * sees their own record. The person is in the route (`#/ce?type=worker&id=3`).
 */
export function CeScreen() {
  const user = useCurrentUser();
  const route = useRoute();
  const isWorker = user.role === 'worker';
  const overview = useApiQuery('ce.overview', {}, { enabled: !isWorker });
  const workers = useWorkers();
  const [adding, setAdding] = useState(false);

  const people: CePersonInfo[] | undefined = useMemo(() => {
    if (!isWorker) {
      return overview.data?.map((r) => ({
        personType: r.personType,
        personId: r.personId,
        name: r.name,
        expires: r.expires,
      }));
    }
    return workers.data
      ?.filter((w) => w.id === user.workerId)
      .map((w) => ({
        personType: 'worker' as const,
        personId: w.id,
        name: fullName(w),
        expires: w.registrationExpires,
      }));
  }, [isWorker, overview.data, workers.data, user.workerId]);

  const type = route.params.get('type');
  const id = Number(route.params.get('id'));
  const chosen = isWorker
    ? people?.[0]
    : people?.find((p) => p.personType === type && p.personId === id);

  const choose = (value: string | null) => {
    const [t, i] = value ? value.split(':') : [];
    navigate('ce', t && i ? { type: t, id: i } : {});
  };

  const options = useMemo(() => {
    const group = (t: CePersonType, label: string) => ({
      group: label,
      items: (people ?? [])
        .filter((p) => p.personType === t)
        .map((p) => ({ value: key(p), label: p.name })),
    });
    return [
      group('supervisor', 'Supervisors (licensees)'),
      group('worker', 'Workers (associates)'),
    ].filter((g) => g.items.length > 0);
  }, [people]);

  const addButton = chosen && (
    <Button leftSection={<IconPlus size={17} />} onClick={() => setAdding(true)}>
      Add course
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Continuing education"
        description={
          chosen
            ? `Courses, certificates and the renewal cycle of ${chosen.name}.`
            : 'Courses, certificates and renewal cycles of licensees and associates.'
        }
        action={addButton}
      />
      {!isWorker && (
        <Select
          label="Person"
          placeholder="Everyone — choose a person to see their courses"
          data={options}
          value={chosen ? key(chosen) : null}
          onChange={choose}
          clearable
          searchable
          maw={420}
          mb="lg"
          nothingFoundMessage="Nobody by that name"
        />
      )}
      {isWorker ? (
        <QueryState query={workers}>
          {() =>
            chosen ? (
              <CePersonView person={chosen} />
            ) : (
              <Empty
                icon={<IconSchool size={26} />}
                title="No worker record"
                description="Your account is not linked to a worker record. Ask the practice owner."
              />
            )
          }
        </QueryState>
      ) : (
        <QueryState query={overview}>
          {(rows) =>
            chosen ? (
              <CePersonView person={chosen} />
            ) : rows.length === 0 ? (
              <Empty
                icon={<IconSchool size={26} />}
                title="Nobody to track yet"
                description="Add supervisors and workers first; each one's continuing education is kept here."
                action={
                  <Button component="a" variant="light" href={routeHref('supervisors')}>
                    Add supervisors
                  </Button>
                }
              />
            ) : (
              <CeOverviewTable rows={rows} />
            )
          }
        </QueryState>
      )}
      {adding && chosen && <CeRecordModal person={chosen} onClose={() => setAdding(false)} />}
    </>
  );
}
