import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useState } from 'react';
import type { DecisionPreview } from '../../../../shared/domain/review-views';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWeekRange } from '../../lib/dates';
import { ReviewFilePicker, type PickedFile } from './ReviewFilePicker';

/**
 * Review → Import decisions: a supervisor's decision file from their own computer, previewed
 * week by week (what will change, or why not), then applied in one go.
 */
export function ImportDecisionsModal(props: { onClose: () => void }) {
  const preview = useApiMutation('reviews.previewDecisions');
  const apply = useApiMutation('reviews.importDecisions');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [read, setRead] = useState<DecisionPreview | null>(null);

  const pick = async (picked: PickedFile) => {
    setFile(picked);
    setRead(null);
    try {
      setRead(await preview.mutateAsync(picked));
    } catch {
      // Shown under the picker from preview.error.
    }
  };

  const run = async () => {
    if (!file) return;
    try {
      const done = await apply.mutateAsync(file);
      notify({
        message: `${done.applied} decision${done.applied === 1 ? '' : 's'} of ${done.supervisorName} applied${done.refused ? `, ${done.refused} refused` : ''}`,
        color: 'teal',
      });
      props.onClose();
    } catch {
      // Shown in the dialog from apply.error.
    }
  };

  const applicable = read?.rows.filter((r) => r.outcome === 'apply').length ?? 0;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title="Import decisions"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Choose the decision file a supervisor saved on their own computer. Nothing changes until
          you apply it.
        </Text>
        <ReviewFilePicker
          label="Choose decision file…"
          accept=".hkdecision,application/json"
          picked={file}
          onPick={(f) => void pick(f)}
          loading={preview.isPending}
          error={preview.error ? errorMessage(preview.error) : null}
        />
        {apply.error && <ErrorAlert title="Not imported">{errorMessage(apply.error)}</ErrorAlert>}
        {read && (
          <>
            <Text size="sm">
              Decisions of <b>{read.supervisorName}</b> on their reviewer computer (
              {read.reviewerName}).
            </Text>
            <Table verticalSpacing="sm" aria-label="Decisions in the file">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Worker</Table.Th>
                  <Table.Th>Week</Table.Th>
                  <Table.Th>Decision</Table.Th>
                  <Table.Th>On import</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {read.rows.map((r) => (
                  <Table.Tr key={`${r.workerId}-${r.weekStart}-${r.action}`}>
                    <Table.Td>{r.workerName}</Table.Td>
                    <Table.Td className="tabular">{formatWeekRange(r.weekStart)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {r.action === 'approve' ? 'Approve (signed)' : 'Return'}
                      </Text>
                      {r.comment && (
                        <Text size="xs" c="dimmed">
                          “{r.comment}”
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.outcome === 'apply' ? (
                        <Badge color="teal" variant="light">
                          {r.action === 'approve' ? 'Will be approved' : 'Will be returned'}
                        </Badge>
                      ) : (
                        <Stack gap={2}>
                          <Badge color="red" variant="light">
                            Refused
                          </Badge>
                          <Text size="xs" c="red.8">
                            {r.reason}
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose} disabled={apply.isPending}>
            Cancel
          </Button>
          <Button onClick={() => void run()} disabled={!read} loading={apply.isPending}>
            {read ? `Apply ${applicable} decision${applicable === 1 ? '' : 's'}` : 'Apply'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
