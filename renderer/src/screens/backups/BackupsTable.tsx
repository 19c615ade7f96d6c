import { ActionIcon, Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import {
  IconAlertTriangle,
  IconRestore,
  IconRosetteDiscountCheck,
  IconShieldCheck,
} from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { BackupItem } from '../../../../shared/domain/backups';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import {
  KEEP_LABELS,
  TIER_COLORS,
  TIER_LABELS,
  formatBytes,
  formatDay,
  formatMoment,
} from './backupFormat';

const col = createColumnHelper<BackupItem>();

/** Every file in the backup folder, newest first; unreadable ones say why and offer nothing. */
export function BackupsTable(props: {
  items: BackupItem[];
  onRestore: (item: BackupItem) => void;
}) {
  const verify = useApiMutation('backups.verify');
  const { onRestore } = props;
  const { mutate: check } = verify;

  const columns = useMemo(
    () => [
      col.accessor((b) => b.createdAt ?? '', {
        id: 'createdAt',
        header: 'Created',
        cell: (c) =>
          c.row.original.createdAt ? (
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatMoment(c.row.original.createdAt)}
            </Text>
          ) : (
            // An unreadable file has no date to go by: its name says which file to look at.
            <Text size="sm" className="mono-text" style={{ wordBreak: 'break-all' }}>
              {c.row.original.fileName}
            </Text>
          ),
      }),
      col.accessor((b) => b.tier ?? '', {
        id: 'tier',
        header: 'Type',
        cell: (c) => {
          const { tier } = c.row.original;
          return tier ? (
            <Badge color={TIER_COLORS[tier]} variant="light" radius="sm">
              {TIER_LABELS[tier]}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          );
        },
      }),
      col.accessor('bytes', {
        header: 'Size',
        meta: { align: 'right' },
        cell: (c) => (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(c.getValue())}
          </Text>
        ),
      }),
      col.display({
        id: 'verified',
        header: 'Status',
        cell: (c) => {
          const { problem } = c.row.original;
          return problem ? (
            <Group gap={6} wrap="nowrap" c="red.7" align="flex-start">
              <IconAlertTriangle size={16} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm" c="red.7" miw={150} maw={260}>
                {problem}
              </Text>
            </Group>
          ) : (
            <Tooltip label="Decrypted and read back when it was written, before it got its name">
              <Group gap={6} wrap="nowrap" c="teal.9">
                <IconRosetteDiscountCheck size={16} />
                <Text size="sm" c="teal.9" style={{ whiteSpace: 'nowrap' }}>
                  Verified
                </Text>
              </Group>
            </Tooltip>
          );
        },
      }),
      col.accessor((b) => b.expiresOn ?? '', {
        id: 'expiresOn',
        header: 'Expires on',
        cell: (c) => (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDay(c.row.original.expiresOn)}
          </Text>
        ),
      }),
      col.display({
        id: 'keptBy',
        header: 'Kept by',
        // The expiry date says the same in short; the rules are for a wide window.
        meta: { width: 160, low: true },
        cell: (c) => {
          const { keptBy, problem } = c.row.original;
          if (problem) return null;
          if (!keptBy.length)
            return (
              <Text size="xs" c="orange.8">
                Removed at the next rotation
              </Text>
            );
          return (
            <Group gap={4} maw={150}>
              {keptBy.map((r) => (
                <Badge key={r} size="xs" variant="outline" color="gray" radius="sm">
                  {KEEP_LABELS[r]}
                </Badge>
              ))}
            </Group>
          );
        },
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right', pinned: true },
        cell: (c) => {
          const b = c.row.original;
          if (b.problem) return null;
          const when = formatMoment(b.createdAt);
          return (
            <Group gap={6} justify="flex-end" wrap="nowrap">
              <Tooltip label="Check it again now">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Check the backup made ${when}`}
                  onClick={() =>
                    check(
                      { fileName: b.fileName },
                      {
                        onSuccess: () =>
                          notify({
                            message: `The backup made ${when} decrypts and reads correctly.`,
                            color: 'teal',
                          }),
                        onError: (err) =>
                          notify({
                            title: 'This backup failed the check',
                            message: err.fields?.fileName ?? errorMessage(err),
                            color: 'red',
                          }),
                      },
                    )
                  }
                >
                  <IconShieldCheck size={17} />
                </ActionIcon>
              </Tooltip>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconRestore size={15} />}
                aria-label={`Restore the backup made ${when}`}
                onClick={() => onRestore(b)}
              >
                Restore…
              </Button>
            </Group>
          );
        },
      }),
    ],
    [check, onRestore],
  );

  return (
    <DataTable
      label="Backups"
      data={props.items}
      columns={columns}
      initialSorting={[{ id: 'createdAt', desc: true }]}
      getRowId={(b) => b.fileName}
    />
  );
}
