import { PasswordInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import { ROLE_LABELS } from '../../auth/roles';
import { FormModal } from '../../components/FormModal';
import type { Supervisor, UserRole, Worker } from '../../lib/domain';
import { useApiForm } from '../../lib/forms';
import { fullName, sortName } from '../../lib/people';

interface Values {
  username: string;
  displayName: string;
  role: UserRole | null;
  workerId: string | null;
  supervisorId: string | null;
  password: string;
}

const ROLE_OPTIONS = (['worker', 'supervisor', 'owner'] as const).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

const ROLE_HELP: Record<UserRole, string> = {
  worker: 'Logs and sees their own hours only.',
  supervisor: "Sees and logs their current supervisees' hours.",
  owner: 'Everything, including users, the audit trail and settings.',
};

const options = (people: (Worker | Supervisor)[]) =>
  [...people]
    .filter((p) => p.active)
    .sort((a, b) => sortName(a).localeCompare(sortName(b)))
    .map((p) => ({ value: String(p.id), label: fullName(p) }));

/** A new account: who, as what role, linked to which worker or supervisor record. */
export function UserFormModal(props: {
  workers: Worker[];
  supervisors: Supervisor[];
  onClose: () => void;
}) {
  const create = useApiMutation('users.create');
  const form = useForm<Values>({
    defaultValues: {
      username: '',
      displayName: '',
      role: 'worker',
      workerId: null,
      supervisorId: null,
      password: '',
    },
  });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: 'role' });

  const { onSubmit, formError } = useApiForm(
    form,
    ['username', 'displayName', 'role', 'workerId', 'supervisorId', 'password'],
    async (v) => {
      const created = await create.mutateAsync({
        username: v.username,
        displayName: v.displayName,
        role: v.role as UserRole,
        workerId: v.role === 'worker' && v.workerId ? Number(v.workerId) : null,
        supervisorId: v.role === 'supervisor' && v.supervisorId ? Number(v.supervisorId) : null,
        password: v.password,
      });
      notifications.show({ message: `Added ${created.username}`, color: 'teal' });
      props.onClose();
    },
  );

  // Picking the linked person fills in the display name when it is still empty.
  const fillName = (id: string | null, people: (Worker | Supervisor)[]) => {
    const p = people.find((x) => String(x.id) === id);
    if (p && !form.getValues('displayName').trim())
      form.setValue('displayName', fullName(p), { shouldDirty: true });
  };

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Add user"
      size="lg"
      onSubmit={onSubmit}
      submitLabel="Add user"
      submitting={create.isPending}
      error={formError}
    >
      <Controller
        control={form.control}
        name="role"
        render={({ field }) => (
          <Select
            label="Role"
            withAsterisk
            allowDeselect={false}
            data={ROLE_OPTIONS}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            description={field.value ? ROLE_HELP[field.value] : undefined}
            error={errors.role?.message}
          />
        )}
      />
      {role === 'worker' && (
        <Controller
          control={form.control}
          name="workerId"
          render={({ field }) => (
            <Select
              label="Worker"
              description="Whose hours this account logs and sees."
              placeholder="Choose a worker"
              withAsterisk
              searchable
              data={options(props.workers)}
              value={field.value}
              onChange={(v) => {
                field.onChange(v);
                fillName(v, props.workers);
              }}
              onBlur={field.onBlur}
              ref={field.ref}
              nothingFoundMessage="No active worker matches"
              error={errors.workerId?.message}
            />
          )}
        />
      )}
      {role === 'supervisor' && (
        <Controller
          control={form.control}
          name="supervisorId"
          render={({ field }) => (
            <Select
              label="Supervisor"
              description="The supervisor record this account acts as."
              placeholder="Choose a supervisor"
              withAsterisk
              searchable
              data={options(props.supervisors)}
              value={field.value}
              onChange={(v) => {
                field.onChange(v);
                fillName(v, props.supervisors);
              }}
              onBlur={field.onBlur}
              ref={field.ref}
              nothingFoundMessage="No active supervisor matches"
              error={errors.supervisorId?.message}
            />
          )}
        />
      )}
      <SimpleGrid cols={2}>
        <TextInput
          label="Display name"
          description="Shown in the header and the audit trail."
          withAsterisk
          {...form.register('displayName')}
          error={errors.displayName?.message}
        />
        <TextInput
          label="Username"
          description="Letters, digits, dot, dash or underscore."
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          {...form.register('username')}
          error={errors.username?.message}
        />
      </SimpleGrid>
      <PasswordInput
        label="Initial password"
        description="At least 10 characters. Give it to them in person; they can change it after signing in."
        withAsterisk
        autoComplete="new-password"
        {...form.register('password')}
        error={errors.password?.message}
      />
      <Text size="xs" c="dimmed">
        The account is recorded in the audit trail.
      </Text>
    </FormModal>
  );
}
