import { Alert, Badge, Button, FileButton, Paper, Stack, Table, Text } from '@mantine/core';
import { IconFileCheck, IconFileUpload, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import type { FileVerification, SignOffStatus } from '../../../../shared/domain/signed-weeks';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { Empty } from '../../components/Empty';
import { PageHeader } from '../../components/PageHeader';
import { useFilePick } from '../../lib/file-pick';

const STATUS: Record<SignOffStatus, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'teal' },
  differs: { label: 'Differs', color: 'orange' },
  'signature-invalid': { label: 'Signature invalid', color: 'red' },
  'unknown-key': { label: 'Unknown key', color: 'red' },
  'approved-before-signatures': { label: 'Approved before signatures', color: 'gray' },
};

/**
 * Admin → Verify: checks the signed weeks of a weekly-log or experience-summary PDF, or of a
 * person-record JSON export, as `npm run verify` does offline, and also that each key is one
 * this practice recorded for that supervisor.
 */
export function VerifyScreen() {
  const verify = useApiMutation('signatures.verifyFile');
  const { reading, failed, pick } = useFilePick((file) => verify.mutate(file));

  const result = verify.data;
  return (
    <>
      <PageHeader
        title="Verify a signed file"
        description="Checks the supervisors' Ed25519 signatures in a weekly log, an experience summary or a JSON export, and says which week and which field differ."
        action={
          <FileButton
            onChange={(f) => void pick(f)}
            accept=".pdf,.json,application/pdf,application/json"
          >
            {(p) => (
              <Button
                {...p}
                loading={reading || verify.isPending}
                leftSection={<IconFileUpload size={17} />}
              >
                Choose a file…
              </Button>
            )}
          </FileButton>
        }
      />
      <Stack gap="lg">
        {failed && <Alert color="red">{failed}</Alert>}
        {verify.error && <Alert color="red">{errorMessage(verify.error)}</Alert>}
        {result ? (
          <Verdict result={result} />
        ) : (
          <Empty
            icon={<IconFileCheck size={26} />}
            title="No file checked yet"
            description="Choose a PDF or JSON file Hourkeep made. Nothing is stored; the check is recorded nowhere."
          />
        )}
      </Stack>
    </>
  );
}

function Verdict({ result }: { result: FileVerification }) {
  const count = result.weeks.reduce((n, w) => n + w.signOffs.length, 0);
  return (
    <Stack gap="md">
      <Alert
        color={result.ok ? 'teal' : 'red'}
        icon={result.ok ? <IconShieldCheck /> : <IconShieldX />}
        title={
          result.ok
            ? `All ${count} sign-offs in ${result.fileName} check out`
            : `${result.fileName} is not verified`
        }
        data-testid="verify-verdict"
      >
        {result.problems.map((p) => (
          <Text key={p} size="sm">
            {p}
          </Text>
        ))}
      </Alert>
      {result.weeks.length > 0 && (
        <Paper withBorder radius="md" shadow="xs">
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week</Table.Th>
                <Table.Th>Signed by</Table.Th>
                <Table.Th>Key fingerprint · code</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.weeks.flatMap((w) => [
                ...w.signOffs.map((s, i) => (
                  <Table.Tr key={`${w.workerId}-${w.weekStart}-${i}`}>
                    <Table.Td>
                      <Text size="sm">{w.workerName}</Text>
                      <Text size="xs" c="dimmed">
                        week of {w.weekStart}, version {s.version}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.signerName}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {s.fingerprint ?? '—'}
                      </Text>
                      <Text size="xs" ff="monospace" c="dimmed">
                        {s.verificationCode ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS[s.status].color} variant="light">
                        {STATUS[s.status].label}
                      </Badge>
                      {s.problems.map((p) => (
                        <Text key={p} size="xs" c="red" mt={4}>
                          {p}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                )),
                ...w.problems.map((p) => (
                  <Table.Tr key={`${w.workerId}-${w.weekStart}-${p}`}>
                    <Table.Td colSpan={3}>
                      <Text size="sm">{w.workerName}</Text>
                      <Text size="xs" c="dimmed">
                        week of {w.weekStart}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color="red" variant="light">
                        Unsigned hours
                      </Badge>
                      <Text size="xs" c="red" mt={4}>
                        {p}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )),
              ])}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
