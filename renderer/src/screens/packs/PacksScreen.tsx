import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';

// Placeholder while the screen is built; replaced by its owner.
export function PacksScreen() {
  return (
    <Stack>
      <PageHeader title="Requirement packs" />
    </Stack>
  );
}
