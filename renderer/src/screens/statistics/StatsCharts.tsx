import { BarChart } from '@mantine/charts';
import { Paper, Text, Title } from '@mantine/core';
import type { PracticeStatistics } from '../../../../shared/domain/privacy/statistics';
import { chartValue } from './statsFormat';

function ChartCard(props: { title: string; note: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" shadow="xs" p="lg" component="section">
      <Title order={2} fz="md" fw={650}>
        {props.title}
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        {props.note}
      </Text>
      {props.children}
    </Paper>
  );
}

/** Hours per month; a hidden month is a gap, never a bar. */
export function MonthChart({ stats }: { stats: PracticeStatistics }) {
  const data = stats.byMonth.rows.map((r) => ({
    month: r.label.replace(/ (\d\d)(\d\d)$/, " '$2"),
    hours: chartValue(r, 60),
  }));
  const hidden = stats.byMonth.rows.filter((r) => r.suppressed).length;
  return (
    <ChartCard
      title="Hours by month"
      note={
        hidden
          ? `${hidden} month${hidden === 1 ? ' is' : 's are'} hidden (see the table) and left out of the chart.`
          : 'All hours logged by the workers counted, per month.'
      }
    >
      <BarChart
        h={240}
        data={data}
        dataKey="month"
        series={[{ name: 'hours', label: 'Hours', color: 'brand.6' }]}
        unit=" h"
        gridAxis="y"
        tickLine="none"
        maxBarWidth={32}
        barProps={{ radius: 2 }}
        role="img"
        aria-label="Hours by month"
      />
    </ChartCard>
  );
}

/** Workers per progress bucket; a hidden bucket is a gap. */
export function ProgressChart({ stats }: { stats: PracticeStatistics }) {
  const data = stats.progress.rows.map((r) => ({ bucket: r.label, people: chartValue(r) }));
  return (
    <ChartCard
      title="Progress toward the total hours"
      note="Workers by the share of their pack's total-hours requirement reached so far."
    >
      <BarChart
        h={240}
        data={data}
        dataKey="bucket"
        series={[{ name: 'people', label: 'People', color: 'teal.6' }]}
        gridAxis="y"
        tickLine="none"
        maxBarWidth={48}
        barProps={{ radius: 2 }}
        yAxisProps={{ allowDecimals: false }}
        role="img"
        aria-label="Workers by progress toward the total hours"
      />
    </ChartCard>
  );
}
