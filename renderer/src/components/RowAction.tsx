import { ActionIcon, Tooltip } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/**
 * An icon button at the end of a table row, with a tooltip saying what it does ("Edit
 * session") and an accessible name saying on what ("Edit session of 20 Nov 2026"). Red for
 * what takes something away.
 */
export function RowAction(props: {
  icon: Icon;
  tooltip: string;
  label: string;
  onClick: () => void;
  danger?: boolean;
}) {
  const { icon: IconShown } = props;
  return (
    <Tooltip label={props.tooltip}>
      <ActionIcon
        variant="subtle"
        color={props.danger ? 'red' : 'gray'}
        aria-label={props.label}
        onClick={props.onClick}
      >
        <IconShown size={17} />
      </ActionIcon>
    </Tooltip>
  );
}
