import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';

// Placeholder while the screen is built; replaced by its owner.
export function CeScreen() {
  return (
    <Stack>
      <PageHeader title="Continuing education" />
    </Stack>
  );
}
