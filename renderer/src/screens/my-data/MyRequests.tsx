import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery, useSupervisorRecords, useWorkers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RequestList } from '../privacy/requests/RequestBits';
import { ProfileCorrectionModal } from './ProfileCorrectionModal';

/**
 * The signed-in person's requests about their data with each outcome, and the ways to make
 * one: correct a profile field, or ask for deletion. A correction of a locked week starts from
 * that week on the Hours screen.
 */
export function MyRequests() {
  const user = useCurrentUser();
  const requests = useApiQuery('privacy.requests.mine', {});
  const workers = useWorkers();
  const supervisors = useSupervisorRecords();
  const [correcting, setCorrecting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const personType = user.workerId !== null ? 'worker' : 'supervisor';
  const person =
    personType === 'worker'
      ? workers.data?.find((w) => w.id === user.workerId)
      : supervisors.data?.find((s) => s.id === user.supervisorId);

  return (
    <section aria-labelledby="my-requests-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="my-requests-title">
          My requests
        </Title>
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconEdit size={17} />}
            onClick={() => setCorrecting(true)}
            disabled={!person}
          >
            Request a correction
          </Button>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={17} />}
            onClick={() => setDeleting(true)}
          >
            Ask for my data to be deleted
          </Button>
        </Group>
      </Group>
      {personType === 'worker' && (
        <Text size="sm" c="dimmed" mb="sm">
          To correct hours in a submitted or approved week, open the week on the Hours screen and
          choose “Request a correction”.
        </Text>
      )}
      <RequestList
        query={requests}
        empty={{
          title: 'No requests yet',
          description:
            'Ask for a correction of something held about you, or for your data to be deleted. Each request and its outcome shows here.',
        }}
      />
      {correcting && person && (
        <ProfileCorrectionModal
          personType={personType}
          person={person}
          onClose={() => setCorrecting(false)}
        />
      )}
      <DeletionRequest opened={deleting} onClose={() => setDeleting(false)} />
    </section>
  );
}

function DeletionRequest(props: { opened: boolean; onClose: () => void }) {
  const file = useApiMutation('privacy.requests.file');
  const [note, setNote] = useState('');
  const send = async () => {
    try {
      await file.mutateAsync({ kind: 'deletion', note: note.trim() || null });
      notify({ message: 'Deletion request sent', color: 'teal' });
      setNote('');
      props.onClose();
    } catch (err) {
      notify({ title: 'Not sent', message: errorMessage(err), color: 'red' });
    }
  };
  return (
    <ConfirmDialog
      opened={props.opened}
      title="Ask for your data to be deleted?"
      confirmLabel="Send request"
      busy={file.isPending}
      onCancel={props.onClose}
      onConfirm={() => void send()}
    >
      <Stack gap="sm">
        <span>
          The owner deletes what the practice may delete. Records it must keep by law (for example
          approved hours) stay until their retention period ends; you are told which and until when.
        </span>
        <Textarea
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
      </Stack>
    </ConfirmDialog>
  );
}
