import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconAlertTriangle, IconPencil, IconPlus, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Assignment, Site, Supervisor, Worker } from '../../lib/domain';
import { useApiMutation, useAssignments, useSites, useSupervisorRecords } from '../../api/queries';
import { DateField, SelectField } from '../../components/fields';
import { Empty } from '../../components/Empty';
import { QueryState } from '../../components/QueryState';
import { formatDate, todayIso } from '../../lib/dates';
import { useApiForm } from '../../lib/forms';
import { fullName, sortName } from '../../lib/people';
import { routeHref } from '../../lib/route';
import { useIsOwner } from '../../auth/session';
import { licenseStatus } from '../supervisors/LicenseExpiry';

/** A worker's supervision assignments: who supervises them, where, from when to when. */
export function SupervisionDrawer(props: { worker: Worker | null; onClose: () => void }) {
  const { worker } = props;
  return (
    <Drawer
      opened={worker !== null}
      onClose={props.onClose}
      position="right"
      size={560}
      padding="lg"
      title={
        worker && (
          <Stack gap={2}>
            <Title order={2} fz="lg" fw={650}>
              Supervision
            </Title>
            <Text size="sm" c="dimmed">
              {fullName(worker)}
              {worker.title ? ` · ${worker.title}` : ''}
            </Text>
          </Stack>
        )
      }
      closeButtonProps={{ 'aria-label': 'Close supervision' }}
    >
      {worker && <SupervisionPanel worker={worker} />}
    </Drawer>
  );
}

function SupervisionPanel({ worker }: { worker: Worker }) {
  const assignments = useAssignments(worker.id);
  const supervisors = useSupervisorRecords();
  const sites = useSites();
  const [editing, setEditing] = useState<Assignment | 'new' | null>(null);
  // Only the owner assigns supervisors; a supervisor sees the assignments as they are.
  const owner = useIsOwner();

  const supervisorById = new Map((supervisors.data ?? []).map((s) => [s.id, s]));
  const siteById = new Map((sites.data ?? []).map((s) => [s.id, s]));
  const canAssign = owner && (supervisors.data?.length ?? 0) > 0 && (sites.data?.length ?? 0) > 0;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Hours can be logged only under a supervisor assigned to {worker.firstName} at that site on
        that date.
      </Text>

      {owner && supervisors.data && sites.data && !canAssign && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          {supervisors.data.length === 0 && sites.data.length === 0 ? (
            <>
              Add a <Anchor href={routeHref('supervisors')}>supervisor</Anchor> and a{' '}
              <Anchor href={routeHref('sites')}>site</Anchor> before assigning one.
            </>
          ) : supervisors.data.length === 0 ? (
            <>
              Add a <Anchor href={routeHref('supervisors')}>supervisor</Anchor> before assigning
              one.
            </>
          ) : (
            <>
              Add a <Anchor href={routeHref('sites')}>site</Anchor> before assigning a supervisor.
            </>
          )}
        </Alert>
      )}

      {editing ? (
        <AssignmentForm
          worker={worker}
          assignment={editing === 'new' ? undefined : editing}
          supervisors={supervisors.data ?? []}
          sites={sites.data ?? []}
          onDone={() => setEditing(null)}
        />
      ) : (
        canAssign && (
          <Group>
            <Button leftSection={<IconPlus size={17} />} onClick={() => setEditing('new')}>
              Assign supervisor
            </Button>
          </Group>
        )
      )}

      <QueryState query={assignments}>
        {(list) =>
          list.length === 0 ? (
            editing ? null : (
              <Empty
                icon={<IconUserCheck size={24} />}
                title="No supervisor assigned"
                description={`${worker.firstName} can't log hours until a supervisor is assigned at a site.`}
              />
            )
          ) : (
            <Stack gap="sm" role="list" aria-label="Assignments">
              {list.map((a) => (
                <AssignmentCard
                  key={a.id}
                  assignment={a}
                  supervisor={supervisorById.get(a.supervisorId)}
                  site={siteById.get(a.siteId)}
                  onEdit={editing || !owner ? undefined : () => setEditing(a)}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function spanStatus(a: Assignment): { label: string; color: string } {
  const today = todayIso();
  if (a.startDate > today) return { label: 'Upcoming', color: 'blue' };
  if (a.endDate !== null && a.endDate < today) return { label: 'Ended', color: 'gray' };
  return { label: 'Current', color: 'teal' };
}

function AssignmentCard(props: {
  assignment: Assignment;
  supervisor: Supervisor | undefined;
  site: Site | undefined;
  onEdit: (() => void) | undefined;
}) {
  const { assignment: a, supervisor, site } = props;
  const status = spanStatus(a);
  const name = supervisor ? fullName(supervisor) : 'Unknown supervisor';
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      role="listitem"
      aria-label={`${name} at ${site?.name ?? 'unknown site'}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Group gap={8}>
            <Text fw={600} size="sm">
              {name}
            </Text>
            {supervisor && (
              <Text size="xs" c="dimmed">
                {supervisor.licenseType}
              </Text>
            )}
            <Badge size="sm" radius="sm" variant="light" color={status.color}>
              {status.label}
            </Badge>
          </Group>
          <Text size="sm" c="gray.7">
            {site?.name ?? 'Unknown site'}
          </Text>
          <Group gap="lg">
            <Text size="xs" c="dimmed" className="tabular">
              {formatDate(a.startDate)} – {a.endDate ? formatDate(a.endDate) : 'ongoing'}
            </Text>
            {a.agreementSignedOn ? (
              <Text size="xs" c="dimmed">
                Agreement signed {formatDate(a.agreementSignedOn)}
              </Text>
            ) : (
              <Badge size="sm" radius="sm" variant="outline" color="orange">
                Agreement not signed
              </Badge>
            )}
          </Group>
        </Stack>
        {props.onEdit && (
          <Tooltip label="Edit assignment">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit assignment with ${name}`}
              onClick={props.onEdit}
            >
              <IconPencil size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}

interface AssignmentFormValues {
  supervisorId: string | null;
  siteId: string | null;
  startDate: string;
  endDate: string;
  agreementSignedOn: string;
}

const FIELDS = ['supervisorId', 'siteId', 'startDate', 'endDate', 'agreementSignedOn'] as const;

function AssignmentForm(props: {
  worker: Worker;
  assignment?: Assignment;
  supervisors: Supervisor[];
  sites: Site[];
  onDone: () => void;
}) {
  const { assignment: a, worker } = props;
  const create = useApiMutation('assignments.create');
  const update = useApiMutation('assignments.update');
  const form = useForm<AssignmentFormValues>({
    defaultValues: {
      supervisorId: a ? String(a.supervisorId) : null,
      siteId: a ? String(a.siteId) : null,
      startDate: a?.startDate ?? todayIso(),
      endDate: a?.endDate ?? '',
      agreementSignedOn: a?.agreementSignedOn ?? '',
    },
  });
  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = {
      workerId: worker.id,
      // Unset choices go as null so main answers "Required" next to the field.
      supervisorId: (v.supervisorId === null ? null : Number(v.supervisorId)) as number,
      siteId: (v.siteId === null ? null : Number(v.siteId)) as number,
      startDate: v.startDate,
      endDate: v.endDate,
      agreementSignedOn: v.agreementSignedOn,
    };
    if (a) {
      await update.mutateAsync({ id: a.id, ...fields });
      notify({ message: 'Assignment saved', color: 'teal' });
    } else {
      await create.mutateAsync(fields);
      notify({ message: 'Supervisor assigned', color: 'teal' });
    }
    props.onDone();
  });

  // Inactive people leave the pickers, except the one an existing assignment already names.
  const supervisorOptions = [...props.supervisors]
    .filter((s) => s.active || s.id === a?.supervisorId)
    .sort((x, y) => sortName(x).localeCompare(sortName(y)))
    .map((s) => ({
      value: String(s.id),
      label: `${fullName(s)} (${s.licenseType}${licenseStatus(s.licenseExpires) === 'expired' ? ', license expired' : ''})`,
    }));
  const siteOptions = props.sites
    .filter((s) => s.active || s.id === a?.siteId)
    .map((s) => ({ value: String(s.id), label: s.name }));

  return (
    <Paper withBorder radius="md" p="md" bg="gray.0">
      <form noValidate onSubmit={onSubmit} aria-label={a ? 'Edit assignment' : 'Assign supervisor'}>
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {a ? 'Edit assignment' : 'Assign a supervisor'}
          </Text>
          {formError && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />}>
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <SelectField
              form={form}
              name="supervisorId"
              label="Supervisor"
              placeholder="Choose…"
              withAsterisk
              data={supervisorOptions}
              autoFocus
            />
            <SelectField
              form={form}
              name="siteId"
              label="Site"
              placeholder="Choose…"
              withAsterisk
              data={siteOptions}
            />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <DateField form={form} name="startDate" label="Start date" withAsterisk />
            <DateField form={form} name="endDate" label="End date" />
            <DateField form={form} name="agreementSignedOn" label="Agreement signed" />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Leave the end date empty while the supervision is ongoing.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {a ? 'Save changes' : 'Assign'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
