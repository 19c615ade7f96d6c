import { Alert, List, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconSignature, IconShieldX } from '@tabler/icons-react';
import type { AuditVerifyResult } from '../../lib/domain';
import { useWorkers } from '../../api/queries';
import { fullName } from '../../lib/people';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** What "Verify integrity" found: the chain, then every week sign-off. */
export function VerifyResult(props: { result: AuditVerifyResult; onClose: () => void }) {
  const { result } = props;
  const workers = useWorkers();
  const workerName = (id: number) => {
    const w = workers.data?.find((x) => x.id === id);
    return w ? fullName(w) : `worker #${id}`;
  };
  const sig = result.signatures;
  return (
    <Stack gap="sm" mb="md">
      {result.intact ? (
        <Alert
          color="green"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          title={
            result.resumedAfter > 0
              ? `Audit trail intact — ${plural(result.rows - result.resumedAfter, 'new entry', 'new entries')} checked since the last verification`
              : `Audit trail intact — ${plural(result.rows, 'entry', 'entries')} checked`
          }
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss the verification result"
          onClose={props.onClose}
        >
          Every entry links to the one before it, none was changed, and none is missing after the
          head recorded in the key file.
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          icon={<IconShieldX size={18} />}
          title={`Audit trail broken at entry #${result.firstBrokenId}: ${result.reason}`}
          role="alert"
        >
          {result.rows.toLocaleString()} entries before it check out. Entries from #
          {result.firstBrokenId} on cannot be trusted; restore from a backup or keep the file for
          investigation.
        </Alert>
      )}
      {sig.broken.length === 0 ? (
        <Alert
          color="green"
          variant="light"
          icon={<IconSignature size={18} />}
          title={`Week sign-offs valid — ${plural(sig.checked, 'sign-off', 'sign-offs')} checked`}
          role="status"
        >
          {plural(sig.signed, 'signature', 'signatures')} verified against the supervisor&apos;s
          recorded key and today&apos;s entries
          {sig.beforeSignatures > 0
            ? `; ${plural(sig.beforeSignatures, 'week', 'weeks')} approved before signatures checked by their entries' fingerprint`
            : ''}
          .
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          icon={<IconShieldX size={18} />}
          title={`${plural(sig.broken.length, 'week sign-off does', 'week sign-offs do')} not match`}
          role="alert"
        >
          <List size="sm" spacing={4}>
            {sig.broken.map((b) => (
              <List.Item key={`${b.workerId}-${b.weekStart}-${b.version}-${b.signerName}`}>
                <Text size="sm" fw={600} span>
                  {workerName(b.workerId)}, week of {b.weekStart} (version {b.version}, signed by{' '}
                  {b.signerName}):
                </Text>{' '}
                {b.problems.join('; ')}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
