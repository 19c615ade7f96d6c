import { Stack } from '@mantine/core';
import { DeletionPanel } from './deletion/DeletionPanel';
import { RetentionRulesTable } from './deletion/RetentionRulesTable';
import { ScheduledDeletions } from './deletion/ScheduledDeletions';

/**
 * Deletion under the retention rules: pick a person (or arrive from a deletion request), see
 * what goes now and what a rule keeps until when, confirm with the password; below, the
 * deletions waiting for their date and the rules themselves, which the owner edits.
 */
export function RetentionTab() {
  return (
    <Stack gap="xl">
      <DeletionPanel />
      <ScheduledDeletions />
      <RetentionRulesTable />
    </Stack>
  );
}
