import { Anchor, Badge, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProgressWarning } from '../../lib/domain';
import { SectionCard } from '../../components/SectionCard';

export const WARNING_LABELS: Record<ProgressWarning['code'], string> = {
  weekly_cap_exceeded: 'Weekly cap',
  supervision_missing: 'Supervision',
  extra_supervision_missing: 'Extra supervision',
  nonclinical_over_max: 'Non-clinical maximum',
  hours_expiring: 'Hours expiring',
  agreement_missing: 'Agreement',
  supervisor_license_expired: 'Supervisor license',
  week_unsigned: 'Sign-off overdue',
};

const SHOWN = 6;

/** What needs attention under the worker's pack, newest concerns first within each kind. */
export function WarningsList({ warnings }: { warnings: ProgressWarning[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? warnings : warnings.slice(0, SHOWN);
  return (
    <SectionCard aria-labelledby="warn-title">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="md" fw={650} id="warn-title">
          Warnings
        </Title>
        {warnings.length > 0 && (
          <Badge color="orange" variant="light" radius="sm">
            {warnings.length}
          </Badge>
        )}
      </Group>
      {warnings.length === 0 ? (
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color="teal" variant="light" radius="xl">
            <IconCircleCheck size={18} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            Nothing needs attention: every rule of the pack is kept so far.
          </Text>
        </Group>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list" aria-labelledby="warn-title">
          {shown.map((w, i) => (
            <Group
              key={`${w.code}-${w.weekStart ?? w.monthStart ?? w.date ?? ''}-${i}`}
              component="li"
              gap="sm"
              wrap="nowrap"
              align="flex-start"
            >
              <ThemeIcon color="orange" variant="light" radius="xl" size="md" mt={2}>
                <IconAlertTriangle size={15} />
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="xs" fw={700} c="orange.8" tt="uppercase" lts="0.03em">
                  {WARNING_LABELS[w.code]}
                </Text>
                <Text size="sm" c="dark.7">
                  {w.message}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
      {warnings.length > SHOWN && (
        <Anchor component="button" size="sm" mt="md" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${warnings.length} warnings`}
        </Anchor>
      )}
    </SectionCard>
  );
}
