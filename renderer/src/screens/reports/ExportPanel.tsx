import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { api, errorMessage, type ApiInput, type ApiName } from '../../api/client';
import { useAssignments, useSites, useSupervisors } from '../../api/queries';
import { DateInput } from '../../components/DateInput';
import { DisclosureFields, useDisclosure } from '../../components/DisclosureFields';
import {
  addDaysIso,
  formatWeekRange,
  isValidIsoDate,
  todayIso,
  weekStartOf,
} from '../../lib/dates';
import type { Worker } from '../../lib/domain';
import { downloadFile } from '../../lib/download';
import { fullName } from '../../lib/people';
import { TaskProgress } from './TaskProgress';
import { useProgress } from './useProgress';

type FileCall = 'reports.weeklyLog' | 'reports.experienceSummary' | 'csv.exportHours';

/**
 * The worker's PDFs and the CSV export. Each file names its recipient and purpose, which main
 * records in the disclosure log and the audit trail, unless a worker is downloading their own
 * (`ownData`): that is their own access, not a disclosure, so nobody asks whom it is for.
 */
export function ExportPanel(props: { worker: Worker; canExportAll: boolean; ownData: boolean }) {
  const { worker } = props;
  const today = todayIso();
  const [weekDay, setWeekDay] = useState(weekStartOf(today));
  const [pair, setPair] = useState<string>('all');
  const [from, setFrom] = useState(addDaysIso(today, -90));
  const [to, setTo] = useState(today);
  const [who, setWho] = useState<'worker' | 'all'>('worker');
  const [busy, setBusy] = useState<FileCall | null>(null);
  const disclosure = useDisclosure();
  const progress = useProgress(['pdf'], busy !== null && busy !== 'csv.exportHours');

  const assignments = useAssignments(worker.id);
  const supervisors = useSupervisors();
  const sites = useSites();
  const pairs = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of assignments.data ?? []) {
      const sup = supervisors.data?.find((s) => s.id === a.supervisorId);
      const site = sites.data?.find((s) => s.id === a.siteId);
      if (sup && site) seen.set(`${sup.id}:${site.id}`, `${fullName(sup)} at ${site.name}`);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [assignments.data, supervisors.data, sites.data]);

  async function download<K extends FileCall>(name: K, input: ApiInput<K & ApiName>) {
    setBusy(name);
    try {
      const file = await api.call(name, props.ownData ? input : { ...disclosure.value, ...input });
      downloadFile(file);
      notify({ color: 'teal', message: `${file.fileName} is ready.` });
    } catch (err) {
      notify({
        color: 'red',
        title: 'Could not make the file',
        message: disclosure.takeErrors(err)
          ? 'Say who the file is for and why, at the top of the page.'
          : errorMessage(err),
      });
    } finally {
      setBusy(null);
    }
  }

  const weekOk = isValidIsoDate(weekDay);
  const [supervisorId, siteId] = pair === 'all' ? [null, null] : pair.split(':').map(Number);
  const rangeOk = isValidIsoDate(from) && isValidIsoDate(to) && from <= to;

  return (
    <Stack gap="md">
      {!props.ownData && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Title order={2} fz="lg">
              Who the files are for
            </Title>
            <DisclosureFields
              value={disclosure.value}
              onChange={disclosure.onChange}
              errors={disclosure.errors}
              disabled={busy !== null}
            />
          </Stack>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={2} fz="lg">
              Weekly log
            </Title>
            <Text size="sm" c="dimmed">
              One Monday-to-Sunday week of {fullName(worker)}'s hours, with the supervisor's
              electronic signature once approved, or lines to sign by hand.
            </Text>
            <DateInput
              label="Any day in the week"
              value={weekDay}
              onChange={(e) => setWeekDay(e.currentTarget.value)}
              description={weekOk ? formatWeekRange(weekStartOf(weekDay)) : 'Choose a date'}
              maw={240}
            />
            <Group>
              <Button
                leftSection={<IconFileTypePdf size={18} />}
                disabled={!weekOk || busy !== null}
                loading={busy === 'reports.weeklyLog'}
                onClick={() =>
                  void download('reports.weeklyLog', {
                    workerId: worker.id,
                    weekStart: weekStartOf(weekDay),
                  })
                }
              >
                Weekly log PDF
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={2} fz="lg">
              Experience summary
            </Title>
            <Text size="sm" c="dimmed">
              The figures a board's experience verification form asks for, one page per supervisor
              and site, with lines for the supervisor to sign.
            </Text>
            <Select
              label="Supervisor and site"
              data={[{ value: 'all', label: 'Every supervisor and site with hours' }, ...pairs]}
              value={pair}
              onChange={(v) => setPair(v ?? 'all')}
              allowDeselect={false}
              maw={420}
            />
            <Group>
              <Button
                leftSection={<IconFileTypePdf size={18} />}
                disabled={busy !== null}
                loading={busy === 'reports.experienceSummary'}
                onClick={() =>
                  void download('reports.experienceSummary', {
                    workerId: worker.id,
                    supervisorId,
                    siteId,
                  })
                }
              >
                Experience summary PDF
              </Button>
            </Group>
          </Stack>
        </Paper>
      </SimpleGrid>

      {busy && busy !== 'csv.exportHours' && (
        <TaskProgress label="Making the PDF" progress={progress} cancel="pdf" />
      )}

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Export hours
          </Title>
          <Text size="sm" c="dimmed">
            A CSV file for a spreadsheet.
            {props.ownData ? '' : ' The same file can be imported again below.'}
          </Text>
          <Group align="flex-end">
            <DateInput label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <DateInput
              label="To"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={
                isValidIsoDate(from) && isValidIsoDate(to) && from > to
                  ? 'Must be on or after From'
                  : undefined
              }
            />
            {props.canExportAll && (
              <SegmentedControl
                value={who}
                onChange={(v) => setWho(v as 'worker' | 'all')}
                data={[
                  { value: 'worker', label: fullName(worker) },
                  { value: 'all', label: 'All my workers' },
                ]}
              />
            )}
            <Button
              variant="light"
              leftSection={<IconFileSpreadsheet size={18} />}
              disabled={!rangeOk || busy !== null}
              loading={busy === 'csv.exportHours'}
              onClick={() =>
                void download('csv.exportHours', {
                  ...(who === 'worker' || !props.canExportAll ? { workerId: worker.id } : {}),
                  from,
                  to,
                })
              }
            >
              Export CSV
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
