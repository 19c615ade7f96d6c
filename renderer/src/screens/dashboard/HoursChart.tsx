import { BarChart } from '@mantine/charts';
import { Text, Title } from '@mantine/core';
import { CATEGORY_LABELS, HOUR_CATEGORIES, type HourCategory } from '../../lib/categories';
import type { MonthMinutes } from '../../lib/domain';
import { formatMonth } from '../../lib/dates';
import { SectionCard } from '../../components/SectionCard';

/** Direct work in the brand's blues, supervision in violets, non-clinical in grey. */
const SERIES_COLORS: Record<HourCategory, string> = {
  direct_individual: 'brand.8',
  direct_family: 'brand.5',
  direct_group: 'brand.3',
  supervision_individual: 'violet.7',
  supervision_triadic: 'violet.5',
  supervision_group: 'violet.3',
  nonclinical: 'gray.5',
};

/** Hours per month by category, stacked, for the months the worker has logged (up to 24). */
export function HoursChart({ months }: { months: MonthMinutes[] }) {
  const used = HOUR_CATEGORIES.filter((c) => months.some((m) => m[c] > 0));
  const data = months.map((m) => ({
    month: formatMonth(m.month, months.length > 12),
    ...Object.fromEntries(used.map((c) => [c, Math.round((m[c] / 60) * 10) / 10])),
  }));
  return (
    <SectionCard aria-labelledby="chart-title">
      <Title order={2} fz="md" fw={650} id="chart-title">
        Hours by month
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        Every hour logged, by category
        {months.length >= 24 ? ', over the last 24 months' : ''}.
      </Text>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          No hours logged yet.
        </Text>
      ) : (
        <BarChart
          h={280}
          data={data}
          dataKey="month"
          type="stacked"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 50 }}
          unit=" h"
          gridAxis="y"
          tickLine="none"
          barProps={{ radius: 0 }}
          maxBarWidth={36}
          series={used.map((c) => ({
            name: c,
            label: CATEGORY_LABELS[c],
            color: SERIES_COLORS[c],
          }))}
          aria-label="Hours by month and category"
        />
      )}
    </SectionCard>
  );
}
