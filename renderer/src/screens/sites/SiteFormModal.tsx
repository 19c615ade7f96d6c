import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import type { Site } from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { ActiveSwitch } from '../../components/ActiveSwitch';
import { FormModal } from '../../components/FormModal';
import { useApiForm } from '../../lib/forms';

interface SiteForm {
  name: string;
  address: string;
  phone: string;
  active: boolean;
}

const FIELDS = ['name', 'address', 'phone', 'active'] as const;

/** Add a site (no `site`) or edit one. */
export function SiteFormModal(props: { site?: Site; onClose: () => void }) {
  const { site } = props;
  const create = useApiMutation('sites.create');
  const update = useApiMutation('sites.update');
  const form = useForm<SiteForm>({
    defaultValues: {
      name: site?.name ?? '',
      address: site?.address ?? '',
      phone: site?.phone ?? '',
      active: site?.active ?? true,
    },
  });
  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = { name: v.name, address: v.address, phone: v.phone };
    if (site) {
      await update.mutateAsync({ id: site.id, ...fields, active: v.active });
      notifications.show({ message: `Saved ${v.name.trim()}`, color: 'teal' });
    } else {
      await create.mutateAsync(fields);
      notifications.show({ message: `Added ${v.name.trim()}`, color: 'teal' });
    }
    props.onClose();
  });
  const errors = form.formState.errors;

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={site ? 'Edit site' : 'Add site'}
      submitLabel={site ? 'Save changes' : 'Add site'}
      submitting={create.isPending || update.isPending}
      error={formError}
      onSubmit={onSubmit}
      size="md"
    >
      <TextInput
        label="Site name"
        placeholder="Downtown Clinic"
        withAsterisk
        data-autofocus
        {...form.register('name')}
        error={errors.name?.message}
      />
      <TextInput
        label="Address"
        placeholder="Street, city"
        {...form.register('address')}
        error={errors.address?.message}
      />
      <SimpleGrid cols={2}>
        <TextInput
          label="Phone"
          type="tel"
          {...form.register('phone')}
          error={errors.phone?.message}
        />
      </SimpleGrid>
      {site && (
        <ActiveSwitch
          control={form.control}
          name="active"
          description="Inactive sites stay in past entries but can't be picked for new ones."
        />
      )}
    </FormModal>
  );
}
