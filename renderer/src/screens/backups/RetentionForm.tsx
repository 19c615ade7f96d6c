import { Button, Group, SimpleGrid } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useForm, type Path } from 'react-hook-form';
import type { RetentionPolicy } from '../../../../shared/domain/retention';
import { useApiMutation } from '../../api/queries';
import { NumberField, TextField } from '../../components/fields';
import { useApiForm } from '../../lib/forms';
import { SettingsSection } from '../../components/SettingsSection';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The form holds keep-within as text: blank is off. */
type Values = { retention: Omit<RetentionPolicy, 'keepWithin'> & { keepWithin: string } };
type CountField = Exclude<keyof RetentionPolicy, 'keepWithin'>;

const FIELDS: { name: CountField; label: string; description: string }[] = [
  { name: 'keepHourly', label: 'Hours', description: 'Newest of each hour' },
  { name: 'keepDaily', label: 'Days', description: 'Newest of each day' },
  { name: 'keepWeekly', label: 'Weeks', description: 'Newest of each week' },
  { name: 'keepMonthly', label: 'Months', description: 'Newest of each month' },
  { name: 'keepYearly', label: 'Years', description: 'Newest of each year' },
  { name: 'keepLast', label: 'Latest backups', description: 'The newest, any day' },
];

const pathOf = (name: keyof RetentionPolicy) => `retention.${name}` as Path<Values>;

/** How many backups rotation keeps, and the age past which none survives. */
export function RetentionForm({ policy }: { policy: RetentionPolicy }) {
  const update = useApiMutation('settings.update');
  const asValues = (p: RetentionPolicy): Values => ({
    retention: { ...p, keepWithin: p.keepWithin ?? '' },
  });
  const form = useForm<Values>({ defaultValues: asValues(policy) });
  const { onSubmit, formError } = useApiForm(
    form,
    [...FIELDS.map((f) => pathOf(f.name)), pathOf('keepWithin'), pathOf('expiryDays')],
    async ({ retention }) => {
      const saved = await update.mutateAsync({ retention });
      form.reset(asValues(saved.retention));
      notify({ message: 'Backup rules saved', color: 'teal' });
    },
  );

  const numberField = (name: CountField, label: string, description: string) => (
    <NumberField
      key={name}
      form={form}
      name={pathOf(name)}
      label={label}
      description={description}
      min={0}
      max={name === 'expiryDays' ? 3650 : 1000}
      allowDecimal={false}
      allowNegative={false}
      suffix={name === 'expiryDays' ? ' days' : undefined}
      parse={(v) => (typeof v === 'number' ? v : Number.NaN)}
    />
  );

  return (
    <SettingsSection
      title="Which backups are kept"
      description="After each backup Hourkeep keeps the newest backup of each of the last N hours, days, weeks (Monday to Sunday), months and years, counted back from the newest backup, and every backup made within the chosen time of the newest one; a backup any rule keeps stays. Nothing older than the expiry age is kept, whatever the rules say."
    >
      <form noValidate onSubmit={onSubmit} aria-label="Which backups are kept">
        {formError && <ErrorAlert mb="sm">{formError}</ErrorAlert>}
        <SimpleGrid cols={3} spacing="md" verticalSpacing="md">
          {FIELDS.map((f) => numberField(f.name, f.label, f.description))}
          <TextField
            form={form}
            name={pathOf('keepWithin')}
            label="Keep all within"
            description="Of the newest: 7d, 2m, 1y6m, 36h"
            placeholder="Off"
          />
          {numberField('expiryDays', 'Expiry age', 'Nothing older is kept')}
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button
            type="submit"
            loading={update.isPending}
            disabled={!form.formState.isDirty}
            leftSection={<IconDeviceFloppy size={17} />}
          >
            Save rules
          </Button>
        </Group>
      </form>
    </SettingsSection>
  );
}
