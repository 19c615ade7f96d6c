import { Badge, Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { NoticeStatus } from '../../../shared/domain/privacy/notice';
import { api, errorMessage } from '../api/client';
import { formatDate } from '../lib/dates';
import { NoticeBody } from '../screens/privacy/notice/NoticeBody';
import { AuthHeading, AuthLayout } from './AuthLayout';
import { signOut } from './session';
import { ErrorAlert } from '../components/ErrorAlert';

/**
 * Right after signing in, when the practice has published a notice version this user has not
 * acknowledged: the notice, and no way into the app but acknowledging it (or signing out).
 */
export function NoticeAcknowledgement(props: {
  practiceName: string | null;
  status: NoticeStatus & { current: NonNullable<NoticeStatus['current']> };
  onAcknowledged: (next: NoticeStatus) => void;
}) {
  const { current } = props.status;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onAcknowledged(await api.call('privacy.notice.acknowledge', { noticeId: current.id }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthLayout width={720}>
      <Stack gap="md">
        <AuthHeading practiceName={props.practiceName} title="Privacy notice">
          <Group gap="xs">
            <Badge variant="light">Version {current.version}</Badge>
            <Text size="sm" c="dimmed">
              Published {formatDate(current.publishedOn)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            The practice has published this notice about your data. Please read it before you
            continue.
          </Text>
        </AuthHeading>
        <ScrollArea.Autosize
          mah="52vh"
          type="auto"
          offsetScrollbars
          className="notice-scroll"
          aria-label="Notice text"
        >
          <NoticeBody body={current.body} />
        </ScrollArea.Autosize>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={() => void signOut()}>
            Sign out
          </Button>
          <Button onClick={() => void acknowledge()} loading={busy}>
            I have read this notice
          </Button>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
