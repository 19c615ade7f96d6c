import { Alert, Anchor, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { notify } from '../../lib/notify';
import {
  IconMessage,
  IconPackageExport,
  IconPencilExclamation,
  IconSend,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { roleMayDo, type WeeklyLog } from '../../../../shared/domain/weekly-logs';
import { errorMessage } from '../../api/client';
import { useApiMutation, useSupervisors } from '../../api/queries';
import { ExportPacketModal } from '../offline-review/ExportPacketModal';
import { useCurrentUser } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatWeekRange } from '../../lib/dates';
import { routeHref } from '../../lib/route';
import { formatStamp } from '../review/SignatureList';
import { WeekStatusBadge } from '../review/WeekStatusBadge';
import { WeekCorrectionModal } from '../my-data/WeekCorrectionModal';
import { AmendmentModal } from './AmendmentModal';

/** What the week's status means, in a line. */
function statusLine(log: WeeklyLog): string {
  const last = log.signatures.at(-1);
  switch (log.status) {
    case 'draft':
      return 'Not yet submitted. Submit the week when it is complete.';
    case 'submitted':
      return `${log.signedBefore ? 'Amendment waiting' : 'Waiting'} for the supervisor's review since ${log.submittedAt ? formatStamp(log.submittedAt) : '—'}. Entries are locked meanwhile.`;
    case 'returned':
      return 'Returned by the supervisor. Correct the entries and submit the week again.';
    case 'approved':
      return last
        ? `Signed by ${last.signerName} on ${formatStamp(last.signedAt)}${last.version > 1 ? ` (version ${last.version})` : ''}. The week is locked.`
        : 'Approved.';
    case 'amending':
      return `Reopened for an amendment. Version ${log.version} stays signed until the supervisor approves the change.`;
  }
}

/**
 * The week's place in review on the Hours screen: its status, the supervisor's comment, and the
 * next step the signed-in user may take (submit, start or submit an amendment).
 */
export function WeekReviewBar(props: {
  log: WeeklyLog;
  workerName: string;
  entryCount: number;
  today: string;
}) {
  const { log } = props;
  const user = useCurrentUser();
  const submit = useApiMutation('weeks.submit');
  const [confirming, setConfirming] = useState(false);
  const [amending, setAmending] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const supervisors = useSupervisors();

  const canSubmit =
    roleMayDo('submit', user.role) &&
    (log.status === 'draft' || log.status === 'returned' || log.status === 'amending');
  const isAmendment = log.status === 'amending';
  const submitLabel = isAmendment ? 'Submit amendment' : 'Submit week';
  const blocked =
    log.weekStart > props.today
      ? 'This week has not started yet'
      : !log.signedBefore && props.entryCount === 0
        ? 'Log hours before submitting the week'
        : null;

  const doSubmit = async () => {
    try {
      await submit.mutateAsync({ workerId: log.workerId, weekStart: log.weekStart });
      notify({
        message: isAmendment ? 'Amendment submitted for approval' : 'Week submitted for review',
        color: 'teal',
      });
    } catch (err) {
      notify({ title: 'Not submitted', message: errorMessage(err), color: 'red' });
    }
    setConfirming(false);
  };

  return (
    <>
      <Paper
        withBorder
        radius="md"
        shadow="xs"
        px="md"
        py="sm"
        mb="md"
        component="section"
        aria-label="Week review"
      >
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <WeekStatusBadge status={log.status} />
            <Text size="sm" c="gray.7" data-testid="week-status-line">
              {statusLine(log)}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {log.status === 'submitted' && user.role === 'supervisor' && (
              <Button
                component="a"
                variant="light"
                leftSection={<IconSignature size={17} />}
                href={routeHref('review', { worker: log.workerId, week: log.weekStart })}
              >
                Review week
              </Button>
            )}
            {log.status === 'approved' && roleMayDo('startAmendment', user.role) && (
              <Button
                variant="default"
                leftSection={<IconPencilExclamation size={17} />}
                onClick={() => setAmending(true)}
              >
                Start amendment
              </Button>
            )}
            {(user.role === 'worker' || user.role === 'owner') &&
              (log.status === 'approved' || log.status === 'submitted') && (
                <Button variant="subtle" onClick={() => setCorrecting(true)}>
                  {user.role === 'owner' ? 'Register a correction request' : 'Request a correction'}
                </Button>
              )}
            {log.status === 'submitted' && user.role === 'worker' && (
              <Button
                variant="default"
                leftSection={<IconPackageExport size={17} />}
                onClick={() => setExporting(true)}
              >
                Export review packet for my supervisor
              </Button>
            )}
            {canSubmit && (
              <Tooltip label={blocked} disabled={blocked === null}>
                <Button
                  leftSection={<IconSend size={17} />}
                  onClick={() => setConfirming(true)}
                  disabled={blocked !== null}
                  data-shortcut="submit-week"
                >
                  {submitLabel}
                </Button>
              </Tooltip>
            )}
          </Group>
        </Group>
        {log.returnComment && (log.status === 'returned' || log.status === 'amending') && (
          <Alert
            mt="sm"
            variant="light"
            color="orange"
            icon={<IconMessage size={18} />}
            title={`Comment from ${log.returnedByName ?? 'the supervisor'}`}
            data-testid="return-comment"
          >
            {log.returnComment}
          </Alert>
        )}
        {log.signedBefore && log.amendmentReason && log.status !== 'approved' && (
          <Text size="sm" mt="sm" c="gray.7">
            <Text span fw={600}>
              Reason for the amendment:
            </Text>{' '}
            {log.amendmentReason}
          </Text>
        )}
        {log.status === 'submitted' && user.role === 'owner' && (
          <Text size="xs" mt={6} c="dimmed">
            The supervisor sees it in their{' '}
            <Anchor href={routeHref('review')} size="xs">
              review queue
            </Anchor>
            .
          </Text>
        )}
      </Paper>

      <ConfirmDialog
        opened={confirming}
        title={isAmendment ? 'Submit amendment?' : 'Submit week for review?'}
        confirmLabel={submitLabel}
        color="brand"
        busy={submit.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void doSubmit()}
      >
        {`The week of ${formatWeekRange(log.weekStart)} goes to the supervisor${isAmendment ? ' for approval of the amendment' : ''}. Its entries are locked until it is approved or returned.`}
      </ConfirmDialog>
      {correcting && (
        <WeekCorrectionModal
          workerId={log.workerId}
          weekStart={log.weekStart}
          {...(user.role === 'owner' ? { onBehalf: { workerName: props.workerName } } : {})}
          onClose={() => setCorrecting(false)}
        />
      )}
      {exporting && (
        <ExportPacketModal
          supervisors={(supervisors.data ?? []).map((s) => ({
            id: s.id,
            name: `${s.firstName} ${s.lastName}`,
          }))}
          workerId={log.workerId}
          onClose={() => setExporting(false)}
        />
      )}
      {amending && (
        <AmendmentModal
          workerId={log.workerId}
          weekStart={log.weekStart}
          onClose={() => setAmending(false)}
        />
      )}
    </>
  );
}
