import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';

// Placeholder while the screen is built; replaced by its owner.
export function ReportsScreen() {
  return (
    <Stack>
      <PageHeader title="Reports" />
    </Stack>
  );
}
