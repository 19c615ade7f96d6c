import { Alert, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconChartBar, IconFileSpreadsheet, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Empty } from '../../components/Empty';
import { useCurrentUser } from '../../auth/session';
import { formatDate } from '../../lib/dates';
import { downloadFile } from '../../lib/download';
import { routeHref } from '../../lib/route';
import type { PracticeStatistics } from '../../../../shared/domain/privacy/statistics';
import { MonthChart, ProgressChart } from './StatsCharts';
import { StatsLegend } from './StatsLegend';
import { StatsTable } from './StatsTable';

/**
 * Practice statistics for every role: aggregates over the workers who agreed to be counted,
 * with every group of fewer than 5 people hidden (shared/domain/privacy/aggregate.ts).
 */
export function StatisticsScreen() {
  const [year, setYear] = useState<string>('last12');
  const input = year === 'last12' ? {} : { year: Number(year) };
  const query = useApiQuery('stats.practice', input);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const file = await api.call('stats.exportCsv', input);
      downloadFile(file);
      notify({ color: 'teal', message: `${file.fileName} is ready.` });
    } catch (err) {
      notify({ color: 'red', title: 'Could not export', message: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  }

  const years = query.data?.years ?? [];
  return (
    <>
      <PageHeader
        title="Practice statistics"
        description="Hours and progress across the practice, in aggregate only: no names, and no group smaller than 5 people."
        action={
          <Group gap="sm" wrap="nowrap">
            <Select
              aria-label="Period"
              w={180}
              value={year}
              onChange={(v) => setYear(v ?? 'last12')}
              allowDeselect={false}
              data={[
                { value: 'last12', label: 'Last 12 months' },
                ...years.map((y) => ({ value: String(y), label: String(y) })),
              ]}
            />
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              onClick={() => void exportCsv()}
              loading={exporting}
            >
              Export CSV
            </Button>
          </Group>
        }
      />
      <QueryState query={query}>{(stats) => <StatisticsBody stats={stats} />}</QueryState>
    </>
  );
}

/** What the period picker says, in words, with its dates: "the last 12 months (1 Dec 2025 – 30 Nov 2026)". */
const periodText = (p: PracticeStatistics['period']) =>
  `${p.label} (${formatDate(p.from)} – ${formatDate(p.to)})`;

/** No worker has agreed to be counted: say so and how that changes, rather than charts of zeros. */
function NobodyCounted({ stats }: { stats: PracticeStatistics }) {
  const user = useCurrentUser();
  const owner = user.role === 'owner';
  return (
    <Empty
      icon={<IconChartBar size={26} />}
      title="No workers counted yet"
      description={
        <>
          Statistics count only workers who agreed to be counted, and none has
          {stats.notConsenting > 0
            ? ` (${stats.notConsenting} worker${stats.notConsenting === 1 ? ' has' : 's have'} not agreed or withdrew)`
            : ''}
          . {owner ? 'Each worker' : 'You'} can agree under My data → Consents, “Practice
          statistics”. Figures for {stats.period.label} appear here as workers agree; any group of
          fewer than 5 people stays hidden.
        </>
      }
      action={
        <Button component="a" variant="light" href={routeHref(owner ? 'privacy' : 'my-data')}>
          {owner ? 'See who has agreed' : 'Open My data'}
        </Button>
      }
    />
  );
}

function StatisticsBody({ stats }: { stats: PracticeStatistics }) {
  if (stats.consenting === 0) return <NobodyCounted stats={stats} />;
  const period = periodText(stats.period);
  return (
    <Stack gap="lg">
      <Alert
        variant="light"
        color="brand"
        icon={<IconShieldLock size={18} />}
        title={`${stats.consenting} worker${stats.consenting === 1 ? '' : 's'} counted`}
        data-testid="stats-counted"
      >
        <Text size="sm">
          Only workers who agreed to be counted in the practice statistics are included
          {stats.notConsenting > 0
            ? `; ${stats.notConsenting} worker${stats.notConsenting === 1 ? ' has' : 's have'} not agreed (or withdrew) and ${stats.notConsenting === 1 ? 'is' : 'are'} left out`
            : ''}
          . A withdrawal takes effect the next time this screen loads. Hours cover {period};
          progress is as of {formatDate(stats.asOf)}.
        </Text>
      </Alert>
      <StatsLegend />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <MonthChart stats={stats} />
        <ProgressChart stats={stats} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <StatsTable
          title="Hours by category"
          description={`Every hour logged in ${period}, by category.`}
          firstColumn="Category"
          table={stats.byCategory}
          unit="hours"
          testId="stats-category"
        />
        <StatsTable
          title="Hours by site"
          description={`Every hour logged in ${period}, by the site it was worked at.`}
          firstColumn="Site"
          table={stats.bySite}
          unit="hours"
          testId="stats-site"
        />
        <StatsTable
          title="Hours by month"
          description="People are those who logged any hours that month."
          firstColumn="Month"
          table={stats.byMonth}
          unit="hours"
          testId="stats-month"
        />
        <StatsTable
          title="Progress toward the total hours"
          description="Active workers with a requirement pack, by the share of the pack's total-hours requirement reached (caps and the age limit applied, as on the dashboard). Other requirements, such as supervision or weeks, are not part of this figure."
          firstColumn="Share of the total"
          table={stats.progress}
          unit="people"
          testId="stats-progress"
        />
      </SimpleGrid>
    </Stack>
  );
}
