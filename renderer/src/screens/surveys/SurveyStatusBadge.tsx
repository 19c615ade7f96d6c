import { Badge } from '@mantine/core';
import type { SurveyStatus } from '../../../../shared/domain/privacy/surveys';

const COLORS: Record<SurveyStatus, string> = { draft: 'gray', open: 'teal', closed: 'dark' };
const LABELS: Record<SurveyStatus, string> = { draft: 'Draft', open: 'Open', closed: 'Closed' };

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm">
      {LABELS[status]}
    </Badge>
  );
}
