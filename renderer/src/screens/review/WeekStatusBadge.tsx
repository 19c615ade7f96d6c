import { Badge } from '@mantine/core';
import { WEEK_STATUS_LABELS, type WeekStatus } from '../../../../shared/domain/weekly-logs';

const COLORS: Record<WeekStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  approved: 'teal',
  amending: 'yellow',
};

/** A week's review status, coloured the same on every screen. */
export function WeekStatusBadge({ status, size = 'md' }: { status: WeekStatus; size?: string }) {
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" size={size} data-testid="week-status">
      {WEEK_STATUS_LABELS[status]}
    </Badge>
  );
}
