import { Badge, Group, Paper, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useApiQuery } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { formatMinutes, type CeCompliance, type CePersonType } from '../../lib/domain';
import { formatDate } from '../../lib/dates';
import { cycleLabel, dueText, statusLook, whenText } from './ceFormat';
import { SectionCard } from '../../components/SectionCard';
import { LazyTooltip } from '../../components/LazyTooltip';

interface Person {
  personType: CePersonType;
  personId: number;
}

const useCeStatus = ({ personType, personId }: Person) =>
  useApiQuery('ce.status', { personType, personId });

/** The badge for a status already loaded (the CE overview has every person's at once). */
export function CeComplianceBadgeView({ compliance }: { compliance: CeCompliance }) {
  const look = statusLook(compliance);
  return (
    <LazyTooltip label={dueText(compliance)} multiline maw={260}>
      <Badge
        color={look.color}
        variant="light"
        radius="sm"
        tt="none"
        style={{ overflow: 'visible' }}
        aria-label={`Continuing education: ${look.label}. ${dueText(compliance)}`}
      >
        {look.label}
      </Badge>
    </LazyTooltip>
  );
}

/** A small badge with a person's CE standing (Compliant, Due in N days…), the due date on hover. */
export function CeComplianceBadge(props: Person) {
  const status = useCeStatus(props);
  if (status.isError) {
    return (
      <Badge color="gray" variant="outline" radius="sm" tt="none">
        CE unavailable
      </Badge>
    );
  }
  if (!status.data) return <Skeleton height={20} width={90} radius="sm" />;
  return <CeComplianceBadgeView compliance={status.data} />;
}

function Bar(props: { label: string; done: number; required: number; color: string }) {
  const pct = props.required === 0 ? 100 : Math.min(100, (props.done / props.required) * 100);
  const left = Math.max(0, props.required - props.done);
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {props.label}
        </Text>
        <Text size="sm" className="tabular">
          {formatMinutes(props.done)}{' '}
          <Text span c="dimmed" size="sm">
            of {formatMinutes(props.required)}
          </Text>
        </Text>
      </Group>
      <Progress
        value={pct}
        color={left === 0 ? 'teal' : props.color}
        radius="xl"
        size="md"
        aria-label={`${props.label}: ${formatMinutes(props.done)} of ${formatMinutes(props.required)}`}
      />
      <Text size="xs" c="dimmed">
        {left === 0 ? 'Met' : `${formatMinutes(left)} to go`}
      </Text>
    </Stack>
  );
}

/** The standing in full, for a status already loaded. */
export function CeStatusCardView(props: { compliance: CeCompliance; action?: ReactNode }) {
  const c = props.compliance;
  const look = statusLook(c);
  const owner = useCurrentUser().role === 'owner';
  return (
    <SectionCard aria-label="Continuing education status">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Group gap={8}>
            <IconSchool size={18} stroke={1.7} aria-hidden />
            <Title order={2} fz="md" fw={650}>
              Continuing education
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {c.cycle
              ? `${cycleLabel(c.cycle.preset)} · ${formatDate(c.cycle.startDate)} – ${formatDate(c.cycle.endDate)}`
              : 'No renewal cycle set up'}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Badge color={look.color} variant="light" radius="sm" tt="none" size="lg">
            {look.label}
          </Badge>
          {props.action}
        </Group>
      </Group>
      {c.cycle ? (
        <Stack gap="md">
          {/* An associate's year asks for law & ethics only: one bar says it all. */}
          {c.requiredMinutes !== c.requiredLawEthicsMinutes && (
            <Bar
              label="All CE"
              done={c.countedMinutes}
              required={c.requiredMinutes}
              color={look.color}
            />
          )}
          {c.requiredLawEthicsMinutes > 0 && (
            <Bar
              label="Law & ethics"
              done={c.lawEthicsMinutes}
              required={c.requiredLawEthicsMinutes}
              color={look.color}
            />
          )}
          <Text size="sm" c={c.status === 'overdue' ? 'red.8' : undefined} fw={500}>
            {whenText(c)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" data-testid="ce-no-cycle">
          {owner
            ? 'Set up a renewal cycle under Renewal cycles, from the California preset or by hand. Until then courses are kept but counted against nothing.'
            : 'The practice owner sets up the renewal cycle and what it requires. Until then courses are kept but counted against nothing.'}
        </Text>
      )}
    </SectionCard>
  );
}

/** A card with a person's current cycle, hours and law & ethics against it, and the due date. */
export function CeStatusCard(props: Person) {
  const status = useCeStatus(props);
  if (status.isError) {
    return (
      <Paper withBorder radius="md" p="lg" aria-label="Continuing education status">
        <Text size="sm" c="dimmed">
          Continuing education status could not be loaded.
        </Text>
      </Paper>
    );
  }
  if (!status.data) return <Skeleton height={180} radius="md" />;
  return <CeStatusCardView compliance={status.data} />;
}
