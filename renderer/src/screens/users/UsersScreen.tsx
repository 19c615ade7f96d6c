import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconKey, IconUserCheck, IconUserOff, IconUserShield } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useSupervisorRecords, useUsers, useWorkers } from '../../api/queries';
import { ROLE_COLORS, ROLE_LABELS } from '../../auth/roles';
import { useCurrentUser } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { ListFilter } from '../../components/ListFilters';
import { dash, RecordList } from '../../components/RecordList';
import { RowAction } from '../../components/RowAction';
import type { UserAccount } from '../../lib/domain';
import { formatTime } from '../../lib/dates';
import { fullName } from '../../lib/people';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

const col = createColumnHelper<UserAccount>();

/** Active, disabled, or locked out until a time (main keeps the time after it passes). */
function accountStatus(u: UserAccount, now = new Date()) {
  if (u.disabled) return { label: 'Disabled', color: 'gray', rank: 2 };
  if (u.lockedUntil && new Date(u.lockedUntil) > now)
    return {
      label: `Locked until ${formatTime(u.lockedUntil)}`,
      color: 'orange',
      rank: 1,
    };
  return { label: 'Active', color: 'teal', rank: 0 };
}

const USER_FILTERS: ListFilter<UserAccount>[] = [
  {
    label: 'Role',
    all: 'All roles',
    options: (['owner', 'supervisor', 'worker'] as const).map((r) => ({
      value: r,
      label: ROLE_LABELS[r],
    })),
    test: (u, v) => u.role === v,
  },
  {
    label: 'Status',
    all: 'All statuses',
    options: [
      { value: 'active', label: 'Can sign in' },
      { value: 'disabled', label: 'Disabled' },
    ],
    test: (u, v) => u.disabled === (v === 'disabled'),
  },
];

/** The owner's list of who can sign in on this computer, and as what. */
export function UsersScreen() {
  const users = useUsers();
  const workers = useWorkers();
  const supervisors = useSupervisorRecords();
  const me = useCurrentUser();
  const setDisabled = useApiMutation('users.setDisabled');
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [toggling, setToggling] = useState<UserAccount | null>(null);

  const linkedName = useMemo(() => {
    const w = new Map((workers.data ?? []).map((x) => [x.id, fullName(x)]));
    const s = new Map((supervisors.data ?? []).map((x) => [x.id, fullName(x)]));
    return (u: UserAccount): string | null =>
      u.workerId !== null
        ? (w.get(u.workerId) ?? `Worker #${u.workerId}`)
        : u.supervisorId !== null
          ? (s.get(u.supervisorId) ?? `Supervisor #${u.supervisorId}`)
          : null;
  }, [workers.data, supervisors.data]);

  const columns = useMemo(
    () => [
      col.accessor('username', {
        header: 'Username',
        cell: (c) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} className="mono-text">
              {c.getValue()}
            </Text>
            {c.row.original.id === me.id && (
              <Badge size="xs" variant="outline" color="gray" radius="sm">
                You
              </Badge>
            )}
          </Group>
        ),
      }),
      col.accessor('displayName', { header: 'Name' }),
      col.accessor('role', {
        header: 'Role',
        cell: (c) => (
          <Badge color={ROLE_COLORS[c.getValue()]} variant="light" radius="sm">
            {ROLE_LABELS[c.getValue()]}
          </Badge>
        ),
      }),
      col.accessor((u) => linkedName(u) ?? '', {
        id: 'linked',
        header: 'Linked record',
        cell: (c) =>
          c.getValue() ? (
            <Stack gap={0}>
              <Text size="sm">{c.getValue()}</Text>
              <Text size="xs" c="dimmed">
                {c.row.original.workerId !== null ? 'Worker' : 'Supervisor'}
              </Text>
            </Stack>
          ) : (
            dash
          ),
      }),
      col.accessor((u) => accountStatus(u).rank, {
        id: 'status',
        header: 'Status',
        cell: (c) => {
          const s = accountStatus(c.row.original);
          return (
            <Badge color={s.color} variant="light" radius="sm">
              {s.label}
            </Badge>
          );
        },
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right' },
        cell: (c) => {
          const u = c.row.original;
          const self = u.id === me.id;
          return (
            <Group gap={6} justify="flex-end" wrap="nowrap">
              <RowAction
                icon={IconKey}
                tooltip="Reset password"
                label={`Reset password for ${u.username}`}
                onClick={() => setResetting(u)}
              />
              <Tooltip label={self ? 'You cannot disable your own account' : ''} disabled={!self}>
                <Button
                  size="compact-sm"
                  variant="default"
                  w={92}
                  disabled={self}
                  leftSection={u.disabled ? <IconUserCheck size={15} /> : <IconUserOff size={15} />}
                  aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                  onClick={() => setToggling(u)}
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </Button>
              </Tooltip>
            </Group>
          );
        },
      }),
    ],
    [linkedName, me.id],
  );

  const confirmToggle = async () => {
    if (!toggling) return;
    const disabled = !toggling.disabled;
    try {
      await setDisabled.mutateAsync({ id: toggling.id, disabled });
      notify({
        message: `${toggling.username} ${disabled ? 'disabled' : 'enabled'}`,
        color: 'teal',
      });
    } catch (err) {
      notify({ title: 'Not changed', message: errorMessage(err), color: 'red' });
    }
    setToggling(null);
  };

  return (
    <RecordList
      title="Users"
      description="Who can sign in on this computer. Workers see their own hours; supervisors their supervisees'."
      query={users}
      columns={columns}
      addLabel="Add user"
      onAdd={() => setAdding(true)}
      empty={{
        icon: <IconUserShield size={26} />,
        title: 'No users',
        description: 'Add the people who sign in to Hourkeep.',
      }}
      sortBy="username"
      isMuted={(u) => u.disabled}
      search={{
        placeholder: 'Search username, name…',
        text: (u) => [u.username, u.displayName, linkedName(u)].join(' '),
      }}
      filters={USER_FILTERS}
    >
      {adding && (
        <UserFormModal
          workers={workers.data ?? []}
          supervisors={supervisors.data ?? []}
          onClose={() => setAdding(false)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      <ConfirmDialog
        opened={toggling !== null}
        title={toggling?.disabled ? 'Enable user?' : 'Disable user?'}
        confirmLabel={toggling?.disabled ? 'Enable user' : 'Disable user'}
        color={toggling?.disabled ? 'brand' : 'red'}
        busy={setDisabled.isPending}
        onCancel={() => setToggling(null)}
        onConfirm={() => void confirmToggle()}
      >
        {toggling &&
          (toggling.disabled
            ? `${toggling.displayName} (${toggling.username}) will be able to sign in again.`
            : `${toggling.displayName} (${toggling.username}) will no longer be able to sign in. Their records stay as they are.`)}
      </ConfirmDialog>
    </RecordList>
  );
}
