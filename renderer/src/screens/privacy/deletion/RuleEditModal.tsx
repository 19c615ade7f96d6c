import { notify } from '../../../lib/notify';
import { useForm } from 'react-hook-form';
import type { RetentionRuleView } from '../../../../../shared/domain/privacy/retention-rules';
import { api } from '../../../api/client';
import { NumberField, SwitchField, TextareaField, TextField } from '../../../components/fields';
import { FormModal } from '../../../components/FormModal';
import { useApiForm } from '../../../lib/forms';

interface Values {
  label: string;
  description: string;
  years: number | string;
  active: boolean;
}

export function RuleEditModal(props: { rule: RetentionRuleView; onClose: () => void }) {
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
      notify({ message: `Saved "${v.label}"`, color: 'teal' });
      props.onClose();
    },
  );
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
      <TextField form={form} name="label" label="Name" withAsterisk data-autofocus />
      <TextareaField form={form} name="description" label="Why it is kept" autosize minRows={3} />
      <NumberField
        form={form}
        name="years"
        label="Years kept"
        description={`Counted from ${props.rule.countsFrom}`}
        withAsterisk
        allowDecimal={false}
        w={200}
      />
      <SwitchField form={form} name="active" label="The rule applies" />
    </FormModal>
  );
}
