import { Paper, Table, Text, Title } from '@mantine/core';
import type { ShownFigure, SuppressedTable } from '../../../../shared/domain/privacy/aggregate';
import { SuppressedValue } from './SuppressedValue';
import { hours } from './statsFormat';

/** The figure and its people; a hidden row says why once, across both columns. */
function Figures(props: {
  figure: ShownFigure;
  isHours: boolean;
  cell: typeof Table.Td | typeof Table.Th;
}) {
  const { figure, isHours } = props;
  const Cell = props.cell;
  if (figure.suppressed)
    return (
      <Cell ta="right" colSpan={isHours ? 2 : 1}>
        <SuppressedValue figure={figure} field="value" />
      </Cell>
    );
  return (
    <>
      <Cell ta="right">
        <SuppressedValue figure={figure} field="value" format={isHours ? hours : undefined} />
      </Cell>
      {isHours && (
        <Cell ta="right">
          <SuppressedValue figure={figure} field="people" />
        </Cell>
      )}
    </>
  );
}

/**
 * One aggregate table with its total. `unit` says what the figure is: hours (with the people
 * behind them in a second column) or people (a distribution).
 */
export function StatsTable(props: {
  title: string;
  description: string;
  firstColumn: string;
  table: SuppressedTable;
  unit: 'hours' | 'people';
  testId: string;
}) {
  const { table, unit } = props;
  const isHours = unit === 'hours';
  return (
    <Paper withBorder radius="md" shadow="xs" p="lg" component="section" data-testid={props.testId}>
      <Title order={2} fz="md" fw={650}>
        {props.title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {props.description}
      </Text>
      <Table striped={false} highlightOnHover verticalSpacing={6} aria-label={props.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{props.firstColumn}</Table.Th>
            <Table.Th ta="right">{isHours ? 'Hours' : 'People'}</Table.Th>
            {isHours && <Table.Th ta="right">People</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>
                <Text size="sm">{r.label}</Text>
              </Table.Td>
              <Figures figure={r} isHours={isHours} cell={Table.Td} />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>Total</Table.Th>
            <Figures figure={table.total} isHours={isHours} cell={Table.Th} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Paper>
  );
}
