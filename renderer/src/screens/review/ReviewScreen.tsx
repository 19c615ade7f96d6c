import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';

// Placeholder while the screen is built; replaced by its owner.
export function ReviewScreen() {
  return (
    <Stack>
      <PageHeader title="Review" />
    </Stack>
  );
}
