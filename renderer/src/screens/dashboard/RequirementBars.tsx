import { Badge, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { RequirementProgress } from '../../lib/domain';
import { formatAmount } from './format';
import { SectionCard } from '../../components/SectionCard';

/** One bar per requirement of the worker's pack: minimums fill up, maximums show headroom. */
export function RequirementBars({ requirements }: { requirements: RequirementProgress[] }) {
  return (
    <SectionCard aria-labelledby="req-title">
      <Title order={2} fz="md" fw={650} id="req-title" mb="md">
        Requirements
      </Title>
      <Stack gap="lg" component="ul" className="plain-list" aria-labelledby="req-title">
        {requirements.map((r) => (
          <RequirementBar key={r.id} r={r} />
        ))}
      </Stack>
    </SectionCard>
  );
}

function RequirementBar({ r }: { r: RequirementProgress }) {
  const share = r.required > 0 ? Math.min(100, (r.counted / r.required) * 100) : 100;
  const over = r.kind === 'max' && r.excess > 0;
  const color = r.kind === 'max' ? (over ? 'red' : 'gray.6') : r.met ? 'teal' : 'brand';
  const figures =
    r.kind === 'min'
      ? `${formatAmount(r, r.counted)} of ${formatAmount(r, r.required)}`
      : `${formatAmount(r, r.counted)} of at most ${formatAmount(r, r.required)}`;
  return (
    <li aria-label={r.label} data-testid={`requirement-${r.id}`}>
      <Group justify="space-between" align="baseline" gap="xs" mb={6} wrap="nowrap">
        <Text size="sm" fw={600} c="dark.7" truncate title={r.label}>
          {r.label}
        </Text>
        <Group gap={8} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Text size="sm" className="tabular nowrap" c="dark.6">
            {figures}
          </Text>
          <StatusBadge r={r} />
        </Group>
      </Group>
      <Tooltip label={r.note ?? r.label} multiline maw={360} disabled={!r.note}>
        <Progress
          value={share}
          color={color}
          size="lg"
          radius="xl"
          aria-label={`${r.label}: ${figures}`}
        />
      </Tooltip>
      <Text size="xs" c="dimmed" mt={4}>
        {r.kind === 'min'
          ? r.met
            ? 'Requirement met'
            : `${formatAmount(r, r.remaining)} to go`
          : over
            ? `${formatAmount(r, r.excess)} over the maximum; the excess does not count toward the total`
            : `${formatAmount(r, r.remaining)} of headroom left`}
      </Text>
    </li>
  );
}

function StatusBadge({ r }: { r: RequirementProgress }) {
  if (r.kind === 'max') {
    return r.excess > 0 ? (
      <Badge color="red" variant="light" radius="sm">
        Over
      </Badge>
    ) : (
      <Badge color="gray" variant="light" radius="sm">
        Within limit
      </Badge>
    );
  }
  return r.met ? (
    <Badge color="teal" variant="light" radius="sm">
      Met
    </Badge>
  ) : (
    <Badge color="brand" variant="outline" radius="sm">
      {Math.floor((r.counted / Math.max(1, r.required)) * 100)} %
    </Badge>
  );
}
