import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChevronLeft,
  IconDownload,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ReturnCommentField } from '../components/ReturnCommentField';
import { formatDate, formatDateTime } from '../../../shared/domain/format';
import type { PacketWeekView } from '../../../shared/domain/reviewer';
import { api, errorMessage } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { SectionCard } from '../components/SectionCard';
import { CATEGORY_LABELS, HOUR_CATEGORIES, type HourCategory } from '../lib/categories';
import { formatMinutes } from '../lib/domain';
import { formatDayShort, formatWeekRange } from '../lib/dates';
import { downloadFile } from '../lib/download';
import { useApiForm } from '../lib/forms';
import { notify } from '../lib/notify';
import { WeekTotals } from '../screens/hours/WeekTotals';
import { Fingerprint } from '../screens/offline-review/Fingerprint';

/**
 * One packet's weeks, each as the workstation's review shows it (entries, totals, warnings,
 * comments, earlier signed versions), with Approve (signs the week's document with this
 * profile's key) or Return with a comment, and "Save decision file" for the practice.
 */
export function PacketReview({ packetId, onBack }: { packetId: string; onBack: () => void }) {
  const packet = useApiQuery('reviewer.packet', { packetId });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaveError(null);
    setSaving(true);
    try {
      const file = await api.call('reviewer.decisionFile', { packetId });
      downloadFile({ fileName: file.fileName, mimeType: 'application/json', base64: file.base64 });
      notify({ message: `Saved ${file.fileName}`, color: 'teal' });
    } catch (err) {
      setSaveError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md" maw={1100}>
      <Anchor
        component="button"
        type="button"
        size="sm"
        fw={600}
        onClick={onBack}
        style={{ alignSelf: 'flex-start' }}
      >
        <Group gap={4}>
          <IconChevronLeft size={15} aria-hidden /> Packets
        </Group>
      </Anchor>
      <QueryState query={packet}>
        {(p) => (
          <Stack gap="md">
            <PageHeader
              title={`Review for ${p.practiceName}`}
              description={`${p.decided} of ${p.weeks} weeks decided · expires ${formatDate(p.expiresAt.slice(0, 10))}`}
              action={
                <Button
                  leftSection={<IconDownload size={17} />}
                  onClick={() => void save()}
                  loading={saving}
                  disabled={p.decided === 0}
                >
                  Save decision file
                </Button>
              }
            />
            {saveError && <ErrorAlert title="Not saved">{saveError}</ErrorAlert>}
            {p.expired && (
              <Alert color="gray" variant="light" title="This packet has expired">
                The practice may refuse decisions on it; ask them for a new packet.
              </Alert>
            )}
            <Fingerprint value={p.practiceFingerprint} label="Practice fingerprint" />
            {p.items.map((w) => (
              <PacketWeekCard key={`${w.workerId}-${w.weekStart}`} packetId={packetId} week={w} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function PacketWeekCard({ packetId, week }: { packetId: string; week: PacketWeekView }) {
  const decide = useApiMutation('reviewer.decide');
  const [returning, setReturning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `week-${week.workerId}-${week.weekStart}`;
  const totals = Object.fromEntries(
    HOUR_CATEGORIES.map((c) => [c, week.totals.byCategory[c] ?? 0]),
  ) as Record<HourCategory, number>;
  const d = week.decision;

  const approve = async () => {
    setError(null);
    try {
      await decide.mutateAsync({
        packetId,
        workerId: week.workerId,
        weekStart: week.weekStart,
        action: 'approve',
      });
      notify({ message: `Approved ${week.workerName}'s week`, color: 'teal' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <SectionCard aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Title order={2} fz="md" fw={650} id={titleId}>
              {week.workerName} · week of {formatWeekRange(week.weekStart)}
            </Title>
            {week.version > 1 && <Badge variant="light">Version {week.version}</Badge>}
            {d?.action === 'approve' && (
              <Badge color="teal" variant="light">
                Approved
              </Badge>
            )}
            {d?.action === 'return' && (
              <Badge color="orange" variant="light">
                Returned
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconArrowBackUp size={17} />}
              onClick={() => setReturning(true)}
              aria-label={`Return ${week.workerName}'s week`}
            >
              Return
            </Button>
            <Button
              leftSection={<IconSignature size={17} />}
              onClick={() => void approve()}
              loading={decide.isPending}
              aria-label={`Approve ${week.workerName}'s week`}
            >
              Approve
            </Button>
          </Group>
        </Group>
        {error && <ErrorAlert title="Not saved">{error}</ErrorAlert>}
        {d?.action === 'approve' && d.verificationCode && (
          <Text size="sm" c="teal.9">
            Signed {formatDateTime(d.signedAt)} with your key · verification code{' '}
            <b className="tabular">{d.verificationCode}</b>
          </Text>
        )}
        {d?.action === 'return' && (
          <Alert color="orange" variant="light" title="Your comment">
            {d.comment}
          </Alert>
        )}
        {week.warnings.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Warnings"
          >
            <List size="sm">
              {week.warnings.map((w, i) => (
                <List.Item key={i}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group align="flex-start" gap="md" wrap="nowrap">
          <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <Table aria-label={`Entries of ${week.workerName}`} verticalSpacing="sm" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Day</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th>Site</Table.Th>
                    <Table.Th ta="right">Time</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {week.document.entries.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayShort(e.date)}</Table.Td>
                      <Table.Td>{CATEGORY_LABELS[e.category]}</Table.Td>
                      <Table.Td>{e.site}</Table.Td>
                      <Table.Td ta="right" className="tabular" fw={650}>
                        {formatMinutes(e.minutes)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            {week.comments.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={650}>
                  Comments
                </Text>
                {week.comments.map((c, i) => (
                  <Text key={i} size="sm">
                    <b>{c.author}</b>, {formatDateTime(c.at)}: {c.text}
                  </Text>
                ))}
              </Stack>
            )}
            {week.earlierVersions.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={650}>
                  Earlier signed versions
                </Text>
                {week.earlierVersions.map((v) => (
                  <Text key={v.version} size="sm">
                    Version {v.version}: {v.signer}, {formatDateTime(v.signedAt)} · {v.summary}
                  </Text>
                ))}
              </Stack>
            )}
          </Stack>
          <Stack w={{ base: 290, lg: 330 }} style={{ flexShrink: 0 }}>
            <WeekTotals week={{ totals, totalMinutes: week.totals.minutes }} />
          </Stack>
        </Group>
      </Stack>
      {returning && (
        <ReturnDialog packetId={packetId} week={week} onClose={() => setReturning(false)} />
      )}
    </SectionCard>
  );
}

function ReturnDialog(props: { packetId: string; week: PacketWeekView; onClose: () => void }) {
  const decide = useApiMutation('reviewer.decide');
  const form = useForm<{ comment: string }>({ defaultValues: { comment: '' } });
  const { onSubmit, formError } = useApiForm(form, ['comment'], async (v) => {
    await decide.mutateAsync({
      packetId: props.packetId,
      workerId: props.week.workerId,
      weekStart: props.week.weekStart,
      action: 'return',
      comment: v.comment,
    });
    notify({ message: `Returned ${props.week.workerName}'s week`, color: 'teal' });
    props.onClose();
  });
  return (
    <FormModal
      onClose={props.onClose}
      title="Return week"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Return week"
      submitting={decide.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        {props.week.workerName}&rsquo;s week of {formatWeekRange(props.week.weekStart)} goes back to
        them once the practice imports your decision file. They see your comment.
      </Text>
      <ReturnCommentField form={form} />
    </FormModal>
  );
}
