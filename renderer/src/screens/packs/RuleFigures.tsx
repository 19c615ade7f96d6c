import { Checkbox, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Pack } from '../../lib/domain';

type Rules = Pack['rules'];

/** A minute figure shown and typed in hours, as the requirements above are. */
function HoursInput(props: {
  label: string;
  description?: string;
  minutes: number;
  onChange: (minutes: number) => void;
}) {
  return (
    <NumberInput
      label={props.label}
      description={props.description}
      size="xs"
      value={props.minutes / 60}
      decimalScale={2}
      min={0}
      suffix=" h"
      onChange={(v) => props.onChange(Math.round(Number(v || 0) * 60))}
    />
  );
}

function WholeInput(props: {
  label: string;
  suffix: string;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <NumberInput
      label={props.label}
      size="xs"
      value={props.value}
      allowDecimal={false}
      min={0}
      suffix={props.suffix}
      onChange={(v) => props.onChange(Number(v || 0))}
    />
  );
}

function RuleCard(props: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="sm" fw={600} mb={4}>
        {props.title}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {props.children}
      </SimpleGrid>
      {props.note && (
        <Text size="xs" c="dimmed" mt={6}>
          {props.note}
        </Text>
      )}
    </Paper>
  );
}

/**
 * The figures of the pack's rules (weekly cap, weekly or monthly supervision, the age limit,
 * the agreement deadline), for the rules the pack has. Adding or removing a rule, or changing
 * which categories count, stays in the JSON tab, where the schema explains each key.
 */
export function RuleFigures(props: { rules: Rules; onChange: (rules: Rules) => void }) {
  const { rules } = props;
  const { weeklyCap, supervisionWeeks, supervisionMonths, ageLimit, agreement } = rules;
  const set = <K extends keyof Rules>(key: K, patch: Partial<NonNullable<Rules[K]>>) =>
    props.onChange({ ...rules, [key]: { ...rules[key], ...patch } });
  if (!weeklyCap && !supervisionWeeks && !supervisionMonths && !ageLimit && !agreement) return null;

  return (
    <section aria-labelledby="rules-title">
      <Title order={3} fz="sm" fw={650} id="rules-title" mb="xs">
        Rules
      </Title>
      <Stack gap="sm">
        {weeklyCap && (
          <RuleCard title="Weekly cap" note={weeklyCap.note}>
            <HoursInput
              label="Most hours"
              minutes={weeklyCap.maxMinutes}
              onChange={(maxMinutes) => set('weeklyCap', { maxMinutes })}
            />
            <WholeInput
              label="In any run of"
              suffix=" days"
              value={weeklyCap.windowDays}
              onChange={(windowDays) => set('weeklyCap', { windowDays })}
            />
          </RuleCard>
        )}
        {supervisionWeeks && (
          <RuleCard title="Weekly supervision" note={supervisionWeeks.note}>
            <HoursInput
              label="Supervision each week"
              minutes={supervisionWeeks.minutesPerWeek}
              onChange={(minutesPerWeek) => set('supervisionWeeks', { minutesPerWeek })}
            />
            <HoursInput
              label="Extra supervision"
              minutes={supervisionWeeks.extraMinutes}
              onChange={(extraMinutes) => set('supervisionWeeks', { extraMinutes })}
            />
            <HoursInput
              label="In weeks with direct hours over"
              minutes={supervisionWeeks.extraWhenDirectOverMinutes}
              onChange={(extraWhenDirectOverMinutes) =>
                set('supervisionWeeks', { extraWhenDirectOverMinutes })
              }
            />
            <Checkbox
              label="Check each site on its own"
              size="xs"
              mt="xs"
              checked={supervisionWeeks.perSetting}
              onChange={(e) => set('supervisionWeeks', { perSetting: e.currentTarget.checked })}
            />
          </RuleCard>
        )}
        {supervisionMonths && (
          <RuleCard title="Monthly supervision" note={supervisionMonths.note}>
            <HoursInput
              label="Supervision each month"
              minutes={supervisionMonths.minutesPerMonth}
              onChange={(minutesPerMonth) => set('supervisionMonths', { minutesPerMonth })}
            />
          </RuleCard>
        )}
        {ageLimit && (
          <RuleCard title="Age limit" note={ageLimit.note}>
            <WholeInput
              label={
                ageLimit.from === 'entryDate' ? 'Hours count for' : 'Supervision lasts at most'
              }
              suffix=" months"
              value={ageLimit.months}
              onChange={(months) => set('ageLimit', { months })}
            />
          </RuleCard>
        )}
        {agreement && (
          <RuleCard title="Supervision agreement" note={agreement.note}>
            <WholeInput
              label="Signed within"
              suffix=" days of the start"
              value={agreement.dueDays}
              onChange={(dueDays) => set('agreement', { dueDays })}
            />
          </RuleCard>
        )}
      </Stack>
    </section>
  );
}
