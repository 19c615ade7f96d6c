import { SimpleGrid, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import { ROLE_LABELS } from '../../auth/roles';
import { PasswordField, SelectField, TextField } from '../../components/fields';
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
      <SelectField
        form={form}
        name="role"
        label="Role"
        withAsterisk
        allowDeselect={false}
        data={ROLE_OPTIONS}
        description={role ? ROLE_HELP[role] : undefined}
      />
      {role === 'worker' && (
        <LinkedPersonField
          form={form}
          name="workerId"
          noun="worker"
          description="Whose hours this account logs and sees."
          people={props.workers}
          onPick={fillName}
        />
      )}
      {role === 'supervisor' && (
        <LinkedPersonField
          form={form}
          name="supervisorId"
          noun="supervisor"
          description="The supervisor record this account acts as."
          people={props.supervisors}
          onPick={fillName}
        />
      )}
      <SimpleGrid cols={2}>
        <TextField
          form={form}
          name="displayName"
          label="Display name"
          description="Shown in the header and the audit trail."
          withAsterisk
        />
        <TextField
          form={form}
          name="username"
          label="Username"
          description="Letters, digits, dot, dash or underscore."
          withAsterisk
          spellCheck={false}
          autoComplete="off"
        />
      </SimpleGrid>
      <PasswordField
        form={form}
        name="password"
        label="Initial password"
        description="At least 10 characters. Give it to them in person; they can change it after signing in."
        withAsterisk
        autoComplete="new-password"
      />
      <Text size="xs" c="dimmed">
        The account is recorded in the audit trail.
      </Text>
    </FormModal>
  );
}

/** The worker or supervisor record an account is linked to; picking one runs `onPick`. */
function LinkedPersonField<P extends Worker | Supervisor>(props: {
  form: UseFormReturn<Values>;
  name: 'workerId' | 'supervisorId';
  noun: 'worker' | 'supervisor';
  description: string;
  people: P[];
  onPick: (id: string | null, people: P[]) => void;
}) {
  const label = props.noun === 'worker' ? 'Worker' : 'Supervisor';
  return (
    <SelectField
      form={props.form}
      name={props.name}
      label={label}
      description={props.description}
      placeholder={`Choose a ${props.noun}`}
      withAsterisk
      searchable
      data={options(props.people)}
      onChange={(v) => props.onPick(v, props.people)}
      nothingFoundMessage={`No active ${props.noun} matches`}
    />
  );
}
