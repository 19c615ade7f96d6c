import { Group, Table, Text, Title } from '@mantine/core';
import { formatMinutes, type WeekView } from '../../lib/domain';
import {
  CATEGORY_LABELS,
  GROUP_COLORS,
  GROUP_LABELS,
  HOUR_CATEGORIES,
  categoryGroup,
  type CategoryGroup,
  type HourCategory,
} from '../../lib/categories';
import { SectionCard } from '../../components/SectionCard';

const GROUPS: CategoryGroup[] = ['direct', 'supervision', 'nonclinical'];

/** "Direct — couples, family, children" reads "Couples, family, children" under its group. */
function shortLabel(c: HourCategory): string {
  const part = CATEGORY_LABELS[c].split(' — ')[1] ?? CATEGORY_LABELS[c];
  return part.charAt(0).toUpperCase() + part.slice(1);
}

/**
 * Minutes per category for the week, grouped as boards count them, and the week's total. Only
 * the figures are needed, so a reviewer's packet week (issue 20) shows in the same card.
 */
export function WeekTotals({
  week,
}: {
  week: Pick<WeekView, 'totals' | 'totalMinutes'> | undefined;
}) {
  const totals = week?.totals;
  return (
    <SectionCard p="md" aria-labelledby="totals-title">
      <Title order={2} fz="md" fw={650} id="totals-title" mb="xs">
        Week totals
      </Title>
      <Table
        aria-labelledby="totals-title"
        verticalSpacing={6}
        horizontalSpacing={0}
        fz="sm"
        withRowBorders={false}
      >
        {GROUPS.map((g) => {
          const cats = HOUR_CATEGORIES.filter((c) => categoryGroup(c) === g);
          const subtotal = cats.reduce((s, c) => s + (totals?.[c] ?? 0), 0);
          return (
            <Table.Tbody key={g}>
              <Table.Tr>
                <Table.Th scope="rowgroup" pt="sm">
                  <Group gap={8} wrap="nowrap">
                    <span
                      className="group-dot"
                      style={{ background: `var(--mantine-color-${GROUP_COLORS[g]}-5)` }}
                      aria-hidden
                    />
                    <Text size="xs" fw={700} c="gray.6" tt="uppercase" lts="0.04em">
                      {GROUP_LABELS[g]}
                    </Text>
                  </Group>
                </Table.Th>
                <Table.Td ta="right" pt="sm" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs" fw={600} c="gray.6" className="tabular">
                    {formatMinutes(subtotal)}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {cats.map((c) => {
                const minutes = totals?.[c] ?? 0;
                return (
                  <Table.Tr key={c}>
                    <Table.Th scope="row" fw={400} pl={16} aria-label={CATEGORY_LABELS[c]}>
                      <Text size="sm" c="gray.8">
                        {shortLabel(c)}
                      </Text>
                    </Table.Th>
                    <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={minutes ? 600 : 400} c={minutes ? 'dark.7' : 'dimmed'}>
                        {formatMinutes(minutes)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          );
        })}
        <Table.Tfoot className="totals-foot">
          <Table.Tr>
            <Table.Th scope="row" pt="sm">
              <Text fw={650}>Week total</Text>
            </Table.Th>
            <Table.Td ta="right" pt="sm" style={{ whiteSpace: 'nowrap' }}>
              <Text fw={700} fz="lg" className="tabular">
                {formatMinutes(week?.totalMinutes ?? 0)}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </SectionCard>
  );
}
