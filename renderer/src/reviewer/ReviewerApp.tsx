import { AppShell, Group, Text, ThemeIcon } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { AuthWaiting } from '../auth/AuthLayout';
import { SensitiveConfirmHost } from '../components/SensitiveConfirmHost';
import { PacketReview } from './PacketReview';
import { ReviewerHome } from './ReviewerHome';
import { ReviewerLock } from './ReviewerLock';
import { ReviewerMenu } from './ReviewerMenu';
import { refreshReviewerStatus, useReviewerStatus } from './reviewer-session';
import { useReviewerActivity } from './useReviewerActivity';

/**
 * The app on a reviewer's computer (phase `reviewer`): the lock screen while the profile is
 * locked; unlocked, the profile with its packets, or one packet's weeks to review.
 */
export function ReviewerApp() {
  const { status, error } = useReviewerStatus();
  useEffect(() => {
    void refreshReviewerStatus();
  }, []);
  if (!status)
    return (
      <AuthWaiting
        error={error}
        title="The reviewer profile could not be read"
        onRetry={() => void refreshReviewerStatus()}
      />
    );
  if (status.state !== 'unlocked') return <ReviewerLock status={status} />;
  return <ReviewerShell name={status.profile?.name ?? ''} />;
}

function ReviewerShell({ name }: { name: string }) {
  useReviewerActivity();
  const [packetId, setPacketId] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${packetId ? 'Review packet' : 'Reviewer'} — Hourkeep`;
  }, [packetId]);
  return (
    <AppShell header={{ height: 56 }} padding="lg">
      <Notifications position="bottom-left" limit={1} />
      <SensitiveConfirmHost />
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Group gap={10}>
            <ThemeIcon size={30} radius="md" aria-hidden>
              <IconClockHour4 size={19} />
            </ThemeIcon>
            <Text fw={700} fz={18} className="app-name">
              Hourkeep
            </Text>
            <Text size="sm" c="dimmed">
              Reviewer · {name}
            </Text>
          </Group>
          <ReviewerMenu name={name} />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {packetId ? (
          <PacketReview packetId={packetId} onBack={() => setPacketId(null)} />
        ) : (
          <ReviewerHome onOpen={setPacketId} />
        )}
      </AppShell.Main>
    </AppShell>
  );
}
