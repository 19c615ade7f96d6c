import { NumberInput, Switch, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import type { RetentionRuleView } from '../../../../../shared/domain/privacy/retention-rules';
import { api } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useApiForm } from '../../../lib/forms';

interface Values {
  label: string;
  description: string;
  years: number | string;
  active: boolean;
}

export function RuleEditModal(props: { rule: RetentionRuleView; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<Values>({
    defaultValues: {
      label: props.rule.label,
      description: props.rule.description,
      years: props.rule.years,
      active: props.rule.active,
    },
  });
  const { onSubmit, formError } = useApiForm(
    form,
    ['label', 'description', 'years', 'active'],
    async (v) => {
      await api.call('privacy.retention.update', {
        id: props.rule.id,
        label: v.label,
        description: v.description,
        // Main checks the number; a blank field goes as NaN (null on the wire) so main names it.
        years: v.years === '' ? Number.NaN : Number(v.years),
        active: v.active,
      });
      await client.invalidateQueries({ queryKey: ['privacy.retention.list'] });
      await client.invalidateQueries({ queryKey: ['privacy.deletion.plan'] });
      notifications.show({ message: `Saved "${v.label}"`, color: 'teal' });
      props.onClose();
    },
  );
  const errors = form.formState.errors;
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Edit retention rule"
      onSubmit={onSubmit}
      submitLabel="Save rule"
      submitting={form.formState.isSubmitting}
      error={formError}
    >
      <TextInput
        label="Name"
        withAsterisk
        data-autofocus
        {...form.register('label')}
        error={errors.label?.message}
      />
      <Textarea
        label="Why it is kept"
        autosize
        minRows={3}
        {...form.register('description')}
        error={errors.description?.message}
      />
      <Controller
        control={form.control}
        name="years"
        render={({ field }) => (
          <NumberInput
            label="Years kept"
            description={`Counted from ${props.rule.countsFrom}`}
            withAsterisk
            allowDecimal={false}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={errors.years?.message}
            w={200}
          />
        )}
      />
      <Controller
        control={form.control}
        name="active"
        render={({ field }) => (
          <Switch
            label="The rule applies"
            checked={field.value}
            onChange={(e) => field.onChange(e.currentTarget.checked)}
            error={errors.active?.message}
          />
        )}
      />
    </FormModal>
  );
}
