import { Badge } from '@mantine/core';

export function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="teal" variant="light" radius="sm">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light" radius="sm">
      Inactive
    </Badge>
  );
}
