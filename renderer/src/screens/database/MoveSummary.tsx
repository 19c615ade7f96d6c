import { Alert, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { MoveReport } from '../../../../shared/domain/database';
import { plural } from '../backups/backupFormat';

/** After the move: what was copied and checked, how long it took, and where the file waits. */
export function MoveSummary(props: { report: MoveReport; onClose: () => void }) {
  const { report } = props;
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  const took =
    report.seconds < 1
      ? 'in under a second'
      : `in ${report.seconds.toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={18} />}
      title="Moved to the server"
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss the move summary"
      onClose={props.onClose}
      data-testid="move-summary"
    >
      <Text size="sm">
        {plural(report.tables.length, 'table')} and {plural(rows, 'row')} copied, each table checked
        by row count and checksum, {took}.
      </Text>
      <Text size="sm" mt={4}>
        This workstation&apos;s file is kept as{' '}
        <Text span className="mono-text" size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
          {report.keptFile}
        </Text>
        .
      </Text>
    </Alert>
  );
}
