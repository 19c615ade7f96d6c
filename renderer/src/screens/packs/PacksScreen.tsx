import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconCopy, IconEye, IconPencil, IconTrash } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { RowAction } from '../../components/RowAction';
import { useConfirmedDelete } from '../../lib/confirmed-delete';
import { formatDate } from '../../lib/dates';
import type { PackSummary } from '../../lib/domain';
import { copyOf, type Draft } from './packDraft';
import { PackEditor } from './PackEditor';
import { PackView } from './PackView';

const col = createColumnHelper<PackSummary>();

interface Editing {
  initial: Draft;
  savedId: string | null;
  basedOn: string | null;
}

/** Licensure rules as data: the built-in packs, read-only, and the practice's own copies. */
export function PacksScreen() {
  const packs = useApiQuery('packs.list', {});
  const [viewing, setViewing] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const deletion = useConfirmedDelete('packs.delete', {
    input: (p: PackSummary) => ({ id: p.id }),
    notice: (p) => `Deleted "${p.name}"`,
  });
  const { ask, target: deleting } = deletion;

  const columns = useMemo(() => {
    const copy = async (p: PackSummary) => {
      try {
        const { pack } = await api.call('packs.get', { id: p.id });
        const taken = (packs.data ?? []).map((x) => x.id);
        setEditing({ initial: copyOf(pack, taken), savedId: null, basedOn: p.id });
      } catch (err) {
        notify({ message: errorMessage(err), color: 'red' });
      }
    };
    const edit = async (p: PackSummary) => {
      try {
        const { pack } = await api.call('packs.get', { id: p.id });
        setEditing({ initial: pack, savedId: p.id, basedOn: p.basedOn });
      } catch (err) {
        notify({ message: errorMessage(err), color: 'red' });
      }
    };
    return [
      col.accessor('name', {
        header: 'Pack',
        cell: (c) => (
          <Stack gap={0}>
            <Text fw={600} size="sm">
              {c.getValue()}
            </Text>
            <Text size="xs" c="dimmed">
              {c.row.original.jurisdiction} · {c.row.original.license}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('builtIn', {
        header: 'Kind',
        cell: (c) =>
          c.getValue() ? (
            <Badge color="gray" variant="light" radius="sm">
              Built-in
            </Badge>
          ) : (
            <Tooltip
              label={c.row.original.basedOn ? `Copied from ${c.row.original.basedOn}` : 'Custom'}
            >
              <Badge color="brand" variant="light" radius="sm">
                Practice
              </Badge>
            </Tooltip>
          ),
      }),
      col.accessor('versionDate', {
        header: 'Version',
        cell: (c) => (
          <Text size="sm" className="tabular nowrap">
            {formatDate(c.getValue())}
          </Text>
        ),
      }),
      col.accessor('sourceCount', {
        header: 'Sources',
        meta: { align: 'right' },
        cell: (c) => <Text size="sm">{c.getValue()}</Text>,
      }),
      col.accessor((p) => p.workerIds.length, {
        id: 'workers',
        header: 'Workers',
        meta: { align: 'right' },
        cell: (c) => <Text size="sm">{c.getValue()}</Text>,
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right' },
        cell: (c) => {
          const p = c.row.original;
          return (
            <Group gap={6} justify="flex-end" wrap="nowrap">
              <RowAction
                icon={IconEye}
                tooltip="View pack"
                label={`View ${p.name}`}
                onClick={() => setViewing(p.id)}
              />
              {p.builtIn ? (
                <Button
                  size="compact-sm"
                  variant="default"
                  leftSection={<IconCopy size={15} />}
                  aria-label={`Copy to edit: ${p.name}`}
                  onClick={() => void copy(p)}
                >
                  Copy to edit
                </Button>
              ) : (
                <>
                  <RowAction
                    icon={IconPencil}
                    tooltip="Edit pack"
                    label={`Edit ${p.name}`}
                    onClick={() => void edit(p)}
                  />
                  <RowAction
                    icon={IconTrash}
                    danger
                    tooltip="Delete pack"
                    label={`Delete ${p.name}`}
                    onClick={() => ask(p)}
                  />
                </>
              )}
            </Group>
          );
        },
      }),
    ];
  }, [packs.data, ask]);

  return (
    <>
      <PageHeader
        title="Requirement packs"
        description="Each license's rules as data, with a version date and the sources it cites. Copy a built-in pack to make the practice's own."
      />
      <QueryState query={packs}>
        {(list) => (
          <DataTable
            label="Requirement packs"
            data={list}
            columns={columns}
            getRowId={(p) => p.id}
          />
        )}
      </QueryState>
      {viewing && <PackView id={viewing} onClose={() => setViewing(null)} />}
      {editing && (
        <PackEditor
          initial={editing.initial}
          savedId={editing.savedId}
          basedOn={editing.basedOn}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog {...deletion.dialog} title="Delete this pack?" confirmLabel="Delete pack">
        &quot;{deleting?.name}&quot; is removed. A pack assigned to a worker cannot be deleted.
      </ConfirmDialog>
    </>
  );
}
