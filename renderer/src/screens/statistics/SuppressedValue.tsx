import { Badge, Text } from '@mantine/core';
import type { ShownFigure } from '../../../../shared/domain/privacy/aggregate';
import { SUPPRESSION_TEXT } from './statsFormat';

/** A table figure, or the reason it is not shown. */
export function SuppressedValue(props: {
  figure: ShownFigure;
  field: 'value' | 'people';
  format?: (n: number) => string;
}) {
  const { figure } = props;
  if (figure.suppressed) {
    return (
      <Badge
        variant="light"
        color={figure.suppressed === 'small' ? 'gray' : 'yellow'}
        radius="sm"
        tt="none"
        fw={500}
      >
        {SUPPRESSION_TEXT[figure.suppressed]}
      </Badge>
    );
  }
  const n = figure[props.field] ?? 0;
  return (
    <Text span size="sm" className="tabular" c={n === 0 ? 'dimmed' : undefined}>
      {props.format ? props.format(n) : n.toLocaleString('en-US')}
    </Text>
  );
}
