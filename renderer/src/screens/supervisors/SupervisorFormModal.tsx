import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { LICENSE_TYPES, type LicenseType, type Supervisor } from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { ActiveSwitch } from '../../components/ActiveSwitch';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { useApiForm } from '../../lib/forms';
import { SigningKeys } from './SigningKeys';

interface SupervisorForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  licenseType: LicenseType | null;
  licenseNumber: string;
  licenseState: string;
  licenseExpires: string;
  active: boolean;
}

const FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'licenseType',
  'licenseNumber',
  'licenseState',
  'licenseExpires',
  'active',
] as const;

export function SupervisorFormModal(props: { supervisor?: Supervisor; onClose: () => void }) {
  const { supervisor: s } = props;
  const create = useApiMutation('supervisors.create');
  const update = useApiMutation('supervisors.update');
  const form = useForm<SupervisorForm>({
    defaultValues: {
      firstName: s?.firstName ?? '',
      lastName: s?.lastName ?? '',
      email: s?.email ?? '',
      phone: s?.phone ?? '',
      licenseType: s?.licenseType ?? null,
      licenseNumber: s?.licenseNumber ?? '',
      licenseState: s?.licenseState ?? '',
      licenseExpires: s?.licenseExpires ?? '',
      active: s?.active ?? true,
    },
  });
  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = {
      firstName: v.firstName,
      lastName: v.lastName,
      email: v.email,
      phone: v.phone,
      // An unset choice goes as-is so main answers "Choose a license type" next to the field.
      licenseType: v.licenseType as LicenseType,
      licenseNumber: v.licenseNumber,
      licenseState: v.licenseState,
      licenseExpires: v.licenseExpires,
    };
    const name = `${v.firstName.trim()} ${v.lastName.trim()}`;
    if (s) {
      await update.mutateAsync({ id: s.id, ...fields, active: v.active });
      notifications.show({ message: `Saved ${name}`, color: 'teal' });
    } else {
      await create.mutateAsync(fields);
      notifications.show({ message: `Added ${name}`, color: 'teal' });
    }
    props.onClose();
  });
  const errors = form.formState.errors;

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={s ? 'Edit supervisor' : 'Add supervisor'}
      submitLabel={s ? 'Save changes' : 'Add supervisor'}
      submitting={create.isPending || update.isPending}
      error={formError}
      onSubmit={onSubmit}
    >
      <SimpleGrid cols={2}>
        <TextInput
          label="First name"
          withAsterisk
          data-autofocus
          {...form.register('firstName')}
          error={errors.firstName?.message}
        />
        <TextInput
          label="Last name"
          withAsterisk
          {...form.register('lastName')}
          error={errors.lastName?.message}
        />
        <TextInput
          label="Email"
          type="email"
          withAsterisk
          {...form.register('email')}
          error={errors.email?.message}
        />
        <TextInput
          label="Phone"
          type="tel"
          {...form.register('phone')}
          error={errors.phone?.message}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Controller
          control={form.control}
          name="licenseType"
          render={({ field }) => (
            <Select
              label="License type"
              placeholder="Choose…"
              withAsterisk
              data={LICENSE_TYPES.map((t) => ({ value: t, label: t }))}
              value={field.value}
              onChange={(value) => field.onChange(value)}
              onBlur={field.onBlur}
              ref={field.ref}
              allowDeselect={false}
              error={errors.licenseType?.message}
            />
          )}
        />
        <TextInput
          label="License number"
          placeholder="LMFT 12345"
          withAsterisk
          {...form.register('licenseNumber')}
          error={errors.licenseNumber?.message}
        />
        <TextInput
          label="License state"
          placeholder="CA"
          description="Two-letter code"
          withAsterisk
          maxLength={2}
          autoCapitalize="characters"
          {...form.register('licenseState')}
          error={errors.licenseState?.message}
        />
        <DateInput
          label="License expires"
          description="From the license record"
          withAsterisk
          {...form.register('licenseExpires')}
          error={errors.licenseExpires?.message}
        />
      </SimpleGrid>
      {s && (
        <ActiveSwitch
          control={form.control}
          name="active"
          description="Inactive supervisors keep their past entries but can't be assigned or picked."
        />
      )}
      {s && <SigningKeys supervisorId={s.id} />}
    </FormModal>
  );
}
