import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconInfoCircle } from '@tabler/icons-react';
import { useForm, useWatch } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import { DateField, NumberField, SegmentedField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../lib/dates';
import {
  CE_PRESET_DEFINITIONS,
  formatMinutes,
  isValidIsoDate,
  presetCycle,
  type CeCycle,
  type CePersonType,
  type CePreset,
} from '../../lib/domain';
import { useApiForm } from '../../lib/forms';
import { cycleLabel, hoursNumber } from './ceFormat';

interface CycleForm {
  preset: CePreset;
  startDate: string;
  endDate: string;
  requiredHours: number | string;
  lawEthicsHours: number | string;
}

const FIELDS = ['preset', 'startDate', 'endDate', 'requiredHours', 'lawEthicsHours'] as const;
const FIELD_MAP = { requiredMinutes: 'requiredHours', lawEthicsMinutes: 'lawEthicsHours' } as const;

/**
 * The owner sets a renewal cycle from a California preset (its dates follow from the license or
 * registration expiry) or by hand. Main keeps a preset's figures; only Custom takes new ones.
 */
export function CeCycleModal(props: {
  person: { personType: CePersonType; personId: number; name: string; expires: string | null };
  cycle?: CeCycle;
  onClose: () => void;
}) {
  const { person, cycle } = props;
  const save = useApiMutation('ce.cycles.save');
  const suggested: CePreset = person.personType === 'supervisor' ? 'ca-licensee' : 'ca-associate';
  const initialPreset = cycle?.preset ?? suggested;
  const initialEnd = cycle?.endDate ?? person.expires ?? '';
  const initial =
    cycle ??
    (initialPreset !== 'custom' && isValidIsoDate(initialEnd)
      ? presetCycle(initialPreset, initialEnd)
      : null);

  const form = useForm<CycleForm>({
    defaultValues: {
      preset: initialPreset,
      startDate: initial?.startDate ?? '',
      endDate: initialEnd,
      requiredHours: initial ? hoursNumber(initial.requiredMinutes) : '',
      lawEthicsHours: initial ? hoursNumber(initial.lawEthicsMinutes) : '',
    },
  });
  const preset = useWatch({ control: form.control, name: 'preset' });

  /** A preset's dates follow from its end date; its figures are fixed. */
  const applyPreset = (next: CePreset, endDate: string) => {
    if (next === 'custom') return;
    const def = CE_PRESET_DEFINITIONS[next];
    form.setValue('requiredHours', hoursNumber(def.requiredMinutes));
    form.setValue('lawEthicsHours', hoursNumber(def.lawEthicsMinutes));
    if (isValidIsoDate(endDate)) form.setValue('startDate', presetCycle(next, endDate).startDate);
  };

  const { onSubmit, formError } = useApiForm(
    form,
    FIELDS,
    async (v) => {
      const hours = (h: number | string) => (h === '' ? undefined : Math.round(Number(h) * 60));
      const saved = await save.mutateAsync({
        ...(cycle ? { id: cycle.id } : {}),
        personType: person.personType,
        personId: person.personId,
        preset: v.preset,
        startDate: v.startDate,
        endDate: v.endDate,
        ...(v.preset === 'custom'
          ? { requiredMinutes: hours(v.requiredHours), lawEthicsMinutes: hours(v.lawEthicsHours) }
          : {}),
      });
      notify({
        message: `Cycle saved: ${formatDate(saved.startDate)} – ${formatDate(saved.endDate)}`,
        color: 'teal',
      });
      props.onClose();
    },
    FIELD_MAP,
  );

  const custom = preset === 'custom';
  const expiresLabel =
    person.personType === 'supervisor' ? 'License expires' : 'Registration expires';

  // Preset figures are shown but not typed: main keeps a preset's own.
  const hoursInput = {
    withAsterisk: true,
    readOnly: !custom,
    variant: custom ? 'default' : 'filled',
    rightSection: 'h',
    rightSectionPointerEvents: 'none',
    hideControls: true,
    min: 0,
    decimalScale: 2,
    allowNegative: false,
  } as const;

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={cycle ? 'Edit renewal cycle' : `Set up a renewal cycle for ${person.name}`}
      submitLabel={cycle ? 'Save cycle' : 'Set up cycle'}
      submitting={save.isPending}
      error={formError}
      onSubmit={onSubmit}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="ce-preset-label">
          Requirement
        </Text>
        <SegmentedField
          form={form}
          name="preset"
          aria-labelledby="ce-preset-label"
          fullWidth
          data={(['ca-licensee', 'ca-associate', 'custom'] as const).map((p) => ({
            value: p,
            label: cycleLabel(p),
          }))}
          onPick={(next) => applyPreset(next as CePreset, form.getValues('endDate'))}
        />
      </Stack>
      {!custom && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
          {CE_PRESET_DEFINITIONS[preset].label}. The cycle ends on the{' '}
          {preset === 'ca-licensee' ? 'license' : 'registration'} expiry date. Sources:{' '}
          {CE_PRESET_DEFINITIONS[preset].sources.join('; ')}.
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <DateField form={form} name="startDate" label="Start date" withAsterisk />
        <DateField
          form={form}
          name="endDate"
          label="End date (due date)"
          withAsterisk
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          description={
            person.expires
              ? `${expiresLabel} ${formatDate(person.expires)}`
              : `${expiresLabel}: not recorded`
          }
          rules={{
            onChange: (e: { target: { value: string } }) =>
              applyPreset(form.getValues('preset'), e.target.value),
          }}
        />
        <NumberField
          form={form}
          name="requiredHours"
          label="Total CE hours required"
          {...hoursInput}
        />
        <NumberField
          form={form}
          name="lawEthicsHours"
          label="Of which law & ethics"
          {...hoursInput}
        />
      </SimpleGrid>
      {cycle && (
        <Text size="xs" c="dimmed">
          Currently {formatMinutes(cycle.requiredMinutes)} in total,{' '}
          {formatMinutes(cycle.lawEthicsMinutes)} of it law &amp; ethics.
        </Text>
      )}
    </FormModal>
  );
}
