import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import type {
  NoticeAcknowledgementRow,
  NoticeVersionRow,
} from '../../../../shared/domain/privacy/notice';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { ROLE_LABELS } from '../../auth/roles';
import { formatDate } from '../../lib/dates';
import { ConsentsTable } from './notice/ConsentsTable';
import { NoticeBody } from './notice/NoticeBody';
import { PublishNoticeModal } from './notice/PublishNoticeModal';
import { SensitivePolicy } from './notice/SensitivePolicy';

const ackCol = createColumnHelper<NoticeAcknowledgementRow>();
const versionCol = createColumnHelper<NoticeVersionRow>();

function Section(props: {
  title: string;
  description?: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            {props.title}
          </Title>
          {props.description && (
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          )}
        </Stack>
        {props.action}
      </Group>
      {props.children}
    </Stack>
  );
}

/** The owner's notice and consent desk: versions, who acknowledged, everyone's consents, the free-text policy. */
export function NoticeTab() {
  const versions = useApiQuery('privacy.notice.versions', {});
  const acks = useApiQuery('privacy.notice.acknowledgements', {});
  const consents = useApiQuery('privacy.consents.list', {});
  const [publishing, setPublishing] = useState(false);
  const [reading, setReading] = useState<NoticeVersionRow | null>(null);
  const currentVersion = versions.data?.find((v) => v.current) ?? null;

  const versionColumns = useMemo(
    () => [
      versionCol.accessor('version', {
        header: 'Version',
        cell: (c) => (
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {c.getValue()}
            </Text>
            {c.row.original.current && (
              <Badge size="sm" variant="light">
                Current
              </Badge>
            )}
          </Group>
        ),
      }),
      versionCol.accessor('publishedOn', {
        header: 'Published',
        cell: (c) => formatDate(c.getValue()),
      }),
      versionCol.accessor('acknowledgements', {
        header: 'Acknowledged by',
        meta: { align: 'right' },
      }),
      versionCol.display({
        id: 'read',
        header: '',
        meta: { align: 'right' },
        cell: (c) => (
          <Button size="compact-sm" variant="subtle" onClick={() => setReading(c.row.original)}>
            Read
          </Button>
        ),
      }),
    ],
    [],
  );
  const ackColumns = useMemo(
    () => [
      ackCol.accessor('displayName', { header: 'Name' }),
      ackCol.accessor('username', { header: 'Username' }),
      ackCol.accessor('role', { header: 'Role', cell: (c) => ROLE_LABELS[c.getValue()] }),
      ackCol.accessor((r) => r.acknowledgedAt ?? '', {
        id: 'acknowledgedAt',
        header: 'Acknowledged',
        cell: (c) => {
          const at = c.row.original.acknowledgedAt;
          return at ? (
            formatDate(at.slice(0, 10))
          ) : (
            <Badge color="orange" variant="light">
              Not yet
            </Badge>
          );
        },
      }),
    ],
    [],
  );

  return (
    <Stack gap="xl">
      <QueryState query={versions}>
        {(rows) => {
          const current = rows.find((v) => v.current) ?? null;
          const active = (acks.data ?? []).filter((a) => !a.disabled);
          const done = active.filter((a) => a.acknowledgedAt).length;
          return (
            <Section
              title="Privacy notice"
              description="People read and acknowledge the current version when they next sign in."
              action={
                current && (
                  <Button
                    leftSection={<IconFilePlus size={16} />}
                    onClick={() => setPublishing(true)}
                  >
                    Publish a new version
                  </Button>
                )
              }
            >
              {current && (
                <Paper withBorder radius="md" p="md">
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={2}>
                      <Text fw={650}>Version {current.version}</Text>
                      <Text size="sm" c="dimmed">
                        Published {formatDate(current.publishedOn)}
                      </Text>
                    </Stack>
                    <Stack gap={4} w={260}>
                      <Text size="sm" ta="right" data-testid="ack-progress">
                        {done} of {active.length} active accounts acknowledged
                      </Text>
                      <Progress
                        value={active.length ? (100 * done) / active.length : 0}
                        size="sm"
                      />
                    </Stack>
                  </Group>
                </Paper>
              )}
              <DataTable
                data={rows}
                columns={versionColumns}
                label="Notice versions"
                getRowId={(v) => String(v.id)}
              />
            </Section>
          );
        }}
      </QueryState>

      <Section
        title="Acknowledgements of the current version"
        description="Disabled accounts are listed but not counted."
      >
        <QueryState query={acks}>
          {(rows) => (
            <DataTable
              data={rows}
              columns={ackColumns}
              label="Acknowledgements"
              getRowId={(r) => String(r.userId)}
              isMuted={(r) => r.disabled}
            />
          )}
        </QueryState>
      </Section>

      <Section
        title="Consents"
        description="Each person grants or withdraws their own under My data. Record one here when it reaches you another way, such as a signed form."
      >
        <QueryState query={consents}>{(people) => <ConsentsTable people={people} />}</QueryState>
      </Section>

      <Section title="Free text">
        <SensitivePolicy />
      </Section>

      {publishing && currentVersion && (
        <PublishNoticeModal current={currentVersion} onClose={() => setPublishing(false)} />
      )}
      <Modal
        opened={reading !== null}
        onClose={() => setReading(null)}
        title={reading ? `Privacy notice, version ${reading.version}` : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close dialog' }}
      >
        {reading && (
          <ScrollArea.Autosize mah="65vh">
            <NoticeBody body={reading.body} />
          </ScrollArea.Autosize>
        )}
      </Modal>
    </Stack>
  );
}
