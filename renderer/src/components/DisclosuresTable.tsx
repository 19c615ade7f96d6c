import { Badge, Text } from '@mantine/core';
import { categoriesLabel } from '../../../shared/domain/privacy/disclosures';
import type { DisclosureView } from '../../../shared/domain/privacy/person-record';
import { formatDateTime } from '../lib/dates';
import { SimpleTable } from './SimpleTable';

/** "20 Nov 2026, 16:30" in local time, for moments main stores in UTC. */
export const formatMoment = formatDateTime;

/** Documents as people name them. */
const DOCUMENT_LABELS: Record<string, string> = {
  'person-record': 'Full personal record',
  'weekly-log': 'Weekly log',
  'experience-summary': 'Experience summary',
  'hours-csv': 'Hours export',
};
export const documentLabel = (d: string) => DOCUMENT_LABELS[d] ?? d;

/** Who received a person's data, when, why, what and made by whom, newest first. */
export function DisclosuresTable(props: { rows: readonly DisclosureView[]; label?: string }) {
  return (
    <SimpleTable
      label={props.label ?? 'Disclosures'}
      rows={props.rows}
      rowKey={(d) => d.id}
      empty="Nothing has been disclosed."
      columns={[
        { header: 'When', cell: (d) => formatMoment(d.madeAt), width: 140 },
        { header: 'Recipient', cell: (d) => d.recipient },
        { header: 'Purpose', cell: (d) => d.purpose },
        {
          header: 'What',
          cell: (d) => (
            <>
              {documentLabel(d.document)}{' '}
              <Badge size="xs" variant="light" color="gray">
                {d.format.toUpperCase()}
              </Badge>
              <Text size="xs" c="dimmed">
                {categoriesLabel(d.categories)}
              </Text>
            </>
          ),
        },
        { header: 'Made by', cell: (d) => d.madeBy, width: 100 },
      ]}
    />
  );
}
