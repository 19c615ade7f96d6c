import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDownload, IconFileImport, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../../shared/domain/format';
import type { OpenedPacket } from '../../../shared/domain/reviewer';
import { api, errorMessage } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { SectionCard } from '../components/SectionCard';
import { downloadFile, readFileBase64 } from '../lib/download';
import { Fingerprint } from '../screens/offline-review/Fingerprint';
import { useReviewerStatus } from './reviewer-session';

/** The reviewer's profile (fingerprint, enrolment request) and the packets opened here. */
export function ReviewerHome({ onOpen }: { onOpen: (packetId: string) => void }) {
  const profile = useReviewerStatus().status?.profile;
  const packets = useApiQuery('reviewer.packets', {});
  const open = useApiMutation('reviewer.openPacket');
  const [openError, setOpenError] = useState<string | null>(null);
  const [opened, setOpened] = useState<OpenedPacket | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  const saveEnrolment = async () => {
    setSaveError(null);
    try {
      const file = await api.call('reviewer.enrolmentRequest', {});
      downloadFile({ fileName: file.fileName, mimeType: 'application/json', base64: file.base64 });
    } catch (err) {
      setSaveError(errorMessage(err));
    }
  };

  const openFile = async (file: File | null) => {
    if (!file) return;
    setOpenError(null);
    setOpened(null);
    try {
      const result = await open.mutateAsync({
        upload: { name: file.name, base64: await readFileBase64(file) },
      });
      setOpened(result);
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  };

  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader
        title="Review packets"
        description="Weekly logs a practice sent you to review on this computer."
      />
      <SectionCard aria-labelledby="profile-title">
        <Stack gap="sm">
          <Title order={2} fz="md" fw={650} id="profile-title">
            This computer&rsquo;s reviewer profile
          </Title>
          <Text size="sm">
            {profile?.name}
            {profile?.email ? ` · ${profile.email}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            Fingerprint: the practice owner sees the same groups when they enrol this computer. Read
            them out to each other before they confirm.
          </Text>
          {profile && <Fingerprint value={profile.fingerprint} label="Your fingerprint" />}
          {saveError && <ErrorAlert title="Not saved">{saveError}</ErrorAlert>}
          <Group>
            <Button
              variant="default"
              leftSection={<IconDownload size={17} />}
              onClick={() => void saveEnrolment()}
            >
              Save enrolment request
            </Button>
            <Text size="sm" c="dimmed">
              Give the file to the practice owner (USB stick or email): it holds only your public
              keys and your signing key sealed under your password.
            </Text>
          </Group>
        </Stack>
      </SectionCard>

      <SectionCard aria-labelledby="packets-title">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Title order={2} fz="md" fw={650} id="packets-title">
              Packets
            </Title>
            <FileInput
              label="Open review packet"
              placeholder="Choose a .hkpacket file"
              accept=".hkpacket,application/json"
              leftSection={<IconFileImport size={16} />}
              value={null}
              onChange={(f) => void openFile(f)}
              disabled={open.isPending}
              w={300}
            />
          </Group>
          {openError && <ErrorAlert title="Packet not opened">{openError}</ErrorAlert>}
          {opened?.pinnedNow && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconShieldCheck size={18} />}
              title={`First packet from ${opened.packet.practiceName}`}
            >
              <Stack gap={6}>
                <Text size="sm">
                  This practice&rsquo;s keys are now remembered on this computer; a later packet
                  claiming to be from it with other keys will be refused. Its fingerprint:
                </Text>
                <Fingerprint
                  value={opened.packet.practiceFingerprint}
                  label="Practice fingerprint"
                />
              </Stack>
            </Alert>
          )}
          <QueryState
            query={packets}
            empty={
              <Text size="sm" c="dimmed">
                No packets yet. Open the .hkpacket file the practice sent you.
              </Text>
            }
          >
            {(list) => (
              <Table aria-labelledby="packets-title" verticalSpacing="sm" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Practice</Table.Th>
                    <Table.Th>Made</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>Weeks decided</Table.Th>
                    <Table.Th>Decision file</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Open</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((p) => (
                    <Table.Tr key={p.packetId}>
                      <Table.Td>{p.practiceName}</Table.Td>
                      <Table.Td>{formatDate(p.createdAt.slice(0, 10))}</Table.Td>
                      <Table.Td>
                        {p.expired ? (
                          <Badge color="gray" variant="light">
                            Expired {formatDate(p.expiresAt.slice(0, 10))}
                          </Badge>
                        ) : (
                          formatDate(p.expiresAt.slice(0, 10))
                        )}
                      </Table.Td>
                      <Table.Td className="tabular">
                        {p.decided} of {p.weeks}
                      </Table.Td>
                      <Table.Td>{p.savedAt ? `Saved ${formatDateTime(p.savedAt)}` : '—'}</Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => onOpen(p.packetId)}
                          aria-label={`Review packet from ${p.practiceName} made ${formatDate(p.createdAt.slice(0, 10))}`}
                        >
                          Review
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
          {opened && !opened.pinnedNow && (
            <Text size="sm" c="dimmed">
              Opened the packet from {opened.packet.practiceName}.
            </Text>
          )}
        </Stack>
      </SectionCard>
    </Stack>
  );
}
