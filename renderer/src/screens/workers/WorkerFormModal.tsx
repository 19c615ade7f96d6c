import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import type { Worker } from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { ActiveSwitch } from '../../components/ActiveSwitch';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { useApiForm } from '../../lib/forms';

interface WorkerForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  registrationNumber: string;
  registrationExpires: string;
  startDate: string;
  endDate: string;
  active: boolean;
}

const FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'registrationNumber',
  'registrationExpires',
  'startDate',
  'endDate',
  'active',
] as const;

export function WorkerFormModal(props: { worker?: Worker; onClose: () => void }) {
  const { worker: w } = props;
  const create = useApiMutation('workers.create');
  const update = useApiMutation('workers.update');
  const form = useForm<WorkerForm>({
    defaultValues: {
      firstName: w?.firstName ?? '',
      lastName: w?.lastName ?? '',
      email: w?.email ?? '',
      phone: w?.phone ?? '',
      title: w?.title ?? '',
      registrationNumber: w?.registrationNumber ?? '',
      registrationExpires: w?.registrationExpires ?? '',
      startDate: w?.startDate ?? '',
      endDate: w?.endDate ?? '',
      active: w?.active ?? true,
    },
  });
  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = {
      firstName: v.firstName,
      lastName: v.lastName,
      email: v.email,
      phone: v.phone,
      title: v.title,
      registrationNumber: v.registrationNumber,
      registrationExpires: v.registrationExpires,
      startDate: v.startDate,
      endDate: v.endDate,
    };
    const name = `${v.firstName.trim()} ${v.lastName.trim()}`;
    if (w) {
      await update.mutateAsync({ id: w.id, ...fields, active: v.active });
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
      title={w ? 'Edit worker' : 'Add worker'}
      submitLabel={w ? 'Save changes' : 'Add worker'}
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
        <TextInput
          label="Title"
          placeholder="Associate MFT"
          {...form.register('title')}
          error={errors.title?.message}
        />
        <DateInput
          label="Start date"
          withAsterisk
          {...form.register('startDate')}
          error={errors.startDate?.message}
        />
        <TextInput
          label="Registration number"
          placeholder="AMFT 123456"
          {...form.register('registrationNumber')}
          error={errors.registrationNumber?.message}
        />
        <DateInput
          label="Registration expires"
          {...form.register('registrationExpires')}
          error={errors.registrationExpires?.message}
        />
        {w && (
          <DateInput
            label="End date"
            description="Last day at the practice, once they have left"
            {...form.register('endDate')}
            error={errors.endDate?.message}
          />
        )}
      </SimpleGrid>
      {w && (
        <ActiveSwitch
          control={form.control}
          name="active"
          description="Inactive workers keep their hours but leave the Hours screen's list."
        />
      )}
    </FormModal>
  );
}
