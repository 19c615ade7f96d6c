import { SimpleGrid, Text } from '@mantine/core';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { ROLE_LABELS } from '../../auth/roles';
import { PasswordField, SelectField, TextField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import type { Supervisor, UserRole, Worker } from '../../lib/domain';
import { useCallForm } from '../../lib/call-form';
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

/** The worker or supervisor an account is made for from their own record's form. */
export interface LoginFor {
  kind: 'worker' | 'supervisor';
  person: Worker | Supervisor;
}

/** A username to start from: "jordan.avery" (letters without accents, digits, dots). */
const suggestUsername = (p: Worker | Supervisor) =>
  `${p.firstName}.${p.lastName}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '')
    .slice(0, 60);

/**
 * A new account: who, as what role, linked to which worker or supervisor record. Opened for
 * one person (`loginFor`, from their record's form), the role and the link are theirs.
 */
export function UserFormModal(props: {
  workers: Worker[];
  supervisors: Supervisor[];
  loginFor?: LoginFor;
  onClose: () => void;
}) {
  const fixed = props.loginFor;
  const { form, modal } = useCallForm<'users.create', Values>('users.create', {
    defaults: {
      username: fixed ? suggestUsername(fixed.person) : '',
      displayName: fixed ? fullName(fixed.person) : '',
      role: fixed?.kind ?? 'worker',
      workerId: fixed?.kind === 'worker' ? String(fixed.person.id) : null,
      supervisorId: fixed?.kind === 'supervisor' ? String(fixed.person.id) : null,
      password: '',
    },
    fields: ['username', 'displayName', 'role', 'workerId', 'supervisorId', 'password'],
    input: (v) => ({
      username: v.username,
      displayName: v.displayName,
      role: v.role as UserRole,
      workerId: v.role === 'worker' && v.workerId ? Number(v.workerId) : null,
      supervisorId: v.role === 'supervisor' && v.supervisorId ? Number(v.supervisorId) : null,
      password: v.password,
    }),
    notice: (created) => `Added ${created.username}`,
    onClose: props.onClose,
  });
  const role = useWatch({ control: form.control, name: 'role' });

  // Picking the linked person fills in the display name when it is still empty.
  const fillName = (id: string | null, people: (Worker | Supervisor)[]) => {
    const p = people.find((x) => String(x.id) === id);
    if (p && !form.getValues('displayName').trim())
      form.setValue('displayName', fullName(p), { shouldDirty: true });
  };

  const title = fixed ? `Create a login for ${fullName(fixed.person)}` : 'Add user';
  return (
    <FormModal
      {...modal}
      title={title}
      submitLabel={fixed ? 'Create login' : 'Add user'}
      intro={
        fixed &&
        `${fullName(fixed.person)} signs in with this account as a ${fixed.kind}: ${ROLE_HELP[fixed.kind].toLowerCase()}`
      }
    >
      {!fixed && (
        <SelectField
          form={form}
          name="role"
          label="Role"
          withAsterisk
          allowDeselect={false}
          data={ROLE_OPTIONS}
          description={role ? ROLE_HELP[role] : undefined}
        />
      )}
      {!fixed && role === 'worker' && (
        <LinkedPersonField
          form={form}
          name="workerId"
          noun="worker"
          description="Whose hours this account logs and sees."
          people={props.workers}
          onPick={fillName}
        />
      )}
      {!fixed && role === 'supervisor' && (
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
          data-autofocus={fixed ? true : undefined}
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
