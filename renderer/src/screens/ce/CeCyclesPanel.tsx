import { ActionIcon, Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconCalendarPlus, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { useIsOwner } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/dates';
import type { CeCycle } from '../../lib/domain';
import { CeCycleModal } from './CeCycleModal';
import { cycleLabel, requirementText, type CePersonInfo } from './ceFormat';
import { SectionCard } from '../../components/SectionCard';

/** A person's renewal cycles, newest first; the owner sets them up, edits and deletes them. */
export function CeCyclesPanel(props: { person: CePersonInfo; currentId: number | null }) {
  const { person } = props;
  const owner = useIsOwner();
  const cycles = useApiQuery('ce.cycles.list', {
    personType: person.personType,
    personId: person.personId,
  });
  const remove = useApiMutation('ce.cycles.delete');
  const [editing, setEditing] = useState<CeCycle | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CeCycle | null>(null);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync({ id: deleting.id });
      notify({ message: 'Cycle deleted', color: 'teal' });
      setDeleting(null);
    } catch (err) {
      notify({ color: 'red', title: 'Not deleted', message: errorMessage(err) });
    }
  };

  return (
    <SectionCard aria-label="Renewal cycles">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="md" fw={650}>
          Renewal cycles
        </Title>
        {owner && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconCalendarPlus size={15} />}
            onClick={() => setEditing('new')}
          >
            Set up cycle
          </Button>
        )}
      </Group>
      <QueryState query={cycles}>
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {owner
                ? `No cycle yet. Set one up from the California preset for ${person.personType === 'supervisor' ? 'licensees' : 'associates'}, or by hand.`
                : 'No cycle yet. The practice owner sets it up.'}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {[...list].reverse().map((c) => (
                <Group
                  key={c.id}
                  component="li"
                  justify="space-between"
                  wrap="nowrap"
                  className="ce-cycle-row"
                  aria-current={c.id === props.currentId ? 'true' : undefined}
                >
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Group gap={8}>
                      <Text size="sm" fw={600} className="tabular">
                        {formatDate(c.startDate)} – {formatDate(c.endDate)}
                      </Text>
                      {c.id === props.currentId && (
                        <Badge size="sm" variant="light" radius="sm" tt="none">
                          Current
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {cycleLabel(c.preset)} · {requirementText(c)}
                    </Text>
                  </Stack>
                  {owner && (
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label="Edit cycle">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Edit cycle ending ${formatDate(c.endDate)}`}
                          onClick={() => setEditing(c)}
                        >
                          <IconPencil size={17} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Delete cycle">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete cycle ending ${formatDate(c.endDate)}`}
                          onClick={() => setDeleting(c)}
                        >
                          <IconTrash size={17} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Group>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {editing && (
        <CeCycleModal
          person={person}
          cycle={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this cycle?"
        confirmLabel="Delete cycle"
        busy={remove.isPending}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting
          ? `The cycle ${formatDate(deleting.startDate)} – ${formatDate(deleting.endDate)} will be deleted. The courses stay.`
          : ''}
      </ConfirmDialog>
    </SectionCard>
  );
}
