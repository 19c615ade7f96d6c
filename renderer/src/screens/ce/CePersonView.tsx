import { ActionIcon, Badge, Button, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconDownload, IconPencil, IconSchool, IconTrash } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { Empty } from '../../components/Empty';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/dates';
import {
  CE_CATEGORY_LABELS,
  formatMinutes,
  type CeCategory,
  type CeCycle,
  type CeRecord,
} from '../../lib/domain';
import {
  CertificateDownloadModal,
  downloadOwnCertificate,
  useIsOwnCe,
} from './CertificateDownloadModal';
import { CeStatusCardView } from './CeComplianceBadge';
import { CeCyclesPanel } from './CeCyclesPanel';
import { CeRecordModal } from './CeRecordModal';
import type { CePersonInfo } from './ceFormat';

const CATEGORY_COLORS: Record<CeCategory, string> = {
  law_ethics: 'grape',
  general: 'blue',
  supervision: 'cyan',
  other: 'gray',
};

const col = createColumnHelper<CeRecord>();

/** One person's standing, cycles and courses. */
export function CePersonView({ person }: { person: CePersonInfo }) {
  const who = { personType: person.personType, personId: person.personId };
  const status = useApiQuery('ce.status', who);
  const records = useApiQuery('ce.list', who);
  const remove = useApiMutation('ce.delete');
  const [editing, setEditing] = useState<CeRecord | null>(null);
  const [deleting, setDeleting] = useState<CeRecord | null>(null);
  const [downloading, setDownloading] = useState<CeRecord | null>(null);
  const own = useIsOwnCe(person);
  const cycle: CeCycle | null = status.data?.cycle ?? null;

  const outside = (r: CeRecord) =>
    cycle !== null && (r.date < cycle.startDate || r.date > cycle.endDate);

  const columns = useMemo(
    () => [
      col.accessor('date', {
        header: 'Date',
        cell: (c) => (
          <Text size="sm" className="tabular nowrap">
            {formatDate(c.getValue())}
          </Text>
        ),
        meta: { width: 120 },
      }),
      col.accessor('title', {
        header: 'Course',
        cell: (c) => (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {c.getValue()}
            </Text>
            <Text size="xs" c="dimmed">
              {c.row.original.provider}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('category', {
        header: 'Category',
        cell: (c) => (
          <Badge color={CATEGORY_COLORS[c.getValue()]} variant="light" radius="sm" tt="none">
            {CE_CATEGORY_LABELS[c.getValue()]}
          </Badge>
        ),
      }),
      col.accessor('minutes', {
        header: 'Hours',
        meta: { align: 'right', width: 110 },
        cell: (c) => (
          <Text size="sm" className="tabular nowrap">
            {formatMinutes(c.getValue())}
          </Text>
        ),
      }),
      col.accessor((r) => r.certificateName ?? '', {
        id: 'certificate',
        header: 'Certificate',
        cell: (c) => {
          const r = c.row.original;
          return r.hasCertificate ? (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconDownload size={15} />}
              onClick={() => (own ? void downloadOwnCertificate(r) : setDownloading(r))}
              aria-label={`Download certificate ${r.certificateName ?? ''}`}
              maw={220}
            >
              <Text span size="sm" truncate>
                {r.certificateName}
              </Text>
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              None
            </Text>
          );
        },
      }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        meta: { align: 'right', width: 96 },
        cell: (c) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Tooltip label="Edit course">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Edit ${c.row.original.title}`}
                onClick={() => setEditing(c.row.original)}
              >
                <IconPencil size={17} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete course">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${c.row.original.title}`}
                onClick={() => setDeleting(c.row.original)}
              >
                <IconTrash size={17} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ),
      }),
    ],
    [own],
  );

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync({ id: deleting.id });
      notify({ message: `Deleted ${deleting.title}`, color: 'teal' });
      setDeleting(null);
    } catch (err) {
      notify({ color: 'red', title: 'Not deleted', message: errorMessage(err) });
    }
  };

  const outsideCount = (records.data ?? []).filter(outside).length;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <QueryState query={status}>{(c) => <CeStatusCardView compliance={c} />}</QueryState>
        <CeCyclesPanel person={person} currentId={cycle?.id ?? null} />
      </SimpleGrid>
      <QueryState query={records}>
        {(list) =>
          list.length === 0 ? (
            <Empty
              icon={<IconSchool size={26} />}
              title="No courses yet"
              description={`Use Add course, at the top of the page, for each course ${person.name} completes, with its certificate, so the hours count toward the renewal cycle.`}
            />
          ) : (
            <Stack gap="xs">
              {outsideCount > 0 && (
                <Text size="sm" c="dimmed">
                  {outsideCount === 1 ? 'One course is' : `${outsideCount} courses are`} dimmed:
                  dated outside the current cycle, so {outsideCount === 1 ? 'it does' : 'they do'}{' '}
                  not count toward it.
                </Text>
              )}
              <DataTable
                label="Courses"
                data={list}
                columns={columns}
                getRowId={(r) => String(r.id)}
                isMuted={outside}
                initialSorting={[{ id: 'date', desc: true }]}
              />
            </Stack>
          )
        }
      </QueryState>
      {downloading && (
        <CertificateDownloadModal record={downloading} onClose={() => setDownloading(null)} />
      )}
      {editing && (
        <CeRecordModal person={person} record={editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this course?"
        confirmLabel="Delete course"
        busy={remove.isPending}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting
          ? `${deleting.title} (${formatMinutes(deleting.minutes)}, ${formatDate(deleting.date)}) and its certificate will be deleted. The audit trail keeps a record of it.`
          : ''}
      </ConfirmDialog>
    </Stack>
  );
}
