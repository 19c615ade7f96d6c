import { Paper, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useCurrentUser } from '../../auth/session';
import { useWorkers } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { fullName, sortName } from '../../lib/people';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** Printable PDFs of a worker's hours, and hours out to (and, for staff, in from) a spreadsheet. */
export function ReportsScreen() {
  const user = useCurrentUser();
  const workers = useWorkers();
  const sorted = useMemo(
    () => [...(workers.data ?? [])].sort((a, b) => sortName(a).localeCompare(sortName(b))),
    [workers.data],
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const workerId =
    user.role === 'worker'
      ? user.workerId
      : (chosen ?? sorted.find((w) => w.active)?.id ?? sorted[0]?.id ?? null);
  const worker = sorted.find((w) => w.id === workerId) ?? null;

  return (
    <Stack>
      <PageHeader
        title="Reports"
        description={
          user.role === 'worker'
            ? 'Your weekly logs and experience summaries to print and sign, and your hours as a spreadsheet.'
            : 'Weekly logs and experience summaries to print and sign, and hours to and from a spreadsheet.'
        }
      />
      <QueryState query={workers}>
        {() => (
          <Stack gap="lg">
            {user.role !== 'worker' && (
              <Paper withBorder p="md" radius="md">
                <Select
                  label="Worker"
                  description="The reports below are for this worker."
                  data={sorted.map((w) => ({
                    value: String(w.id),
                    label: fullName(w) + (w.active ? '' : ' (inactive)'),
                  }))}
                  value={workerId === null ? null : String(workerId)}
                  onChange={(v) => setChosen(v ? Number(v) : null)}
                  allowDeselect={false}
                  searchable
                  maw={360}
                />
              </Paper>
            )}
            {worker ? (
              <ExportPanel
                worker={worker}
                canExportAll={user.role !== 'worker'}
                ownData={user.role === 'worker'}
              />
            ) : (
              <Text c="dimmed">No worker to report on yet.</Text>
            )}
            {/* Workers log hours on the week screen; main refuses their csv imports too. */}
            {user.role !== 'worker' && <ImportPanel />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
