import { Badge, Group, Modal, ScrollArea, Text } from '@mantine/core';
import { useApiQuery } from '../../../api/queries';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../lib/dates';
import { NoticeBody } from './NoticeBody';

/** Anyone, any time: the current privacy notice (from the user menu). */
export function NoticeReader(props: { opened: boolean; onClose: () => void }) {
  const status = useApiQuery('privacy.notice.status', {}, { enabled: props.opened });
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="Privacy notice"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <QueryState query={status}>
        {(s) =>
          s.current ? (
            <>
              <Group gap="xs" mb="md">
                <Badge variant="light">Version {s.current.version}</Badge>
                <Text size="sm" c="dimmed">
                  Published {formatDate(s.current.publishedOn)}
                  {s.acknowledgedAt
                    ? ` · you acknowledged it on ${formatDate(s.acknowledgedAt.slice(0, 10))}`
                    : ''}
                </Text>
              </Group>
              <ScrollArea.Autosize mah="65vh">
                <NoticeBody body={s.current.body} />
              </ScrollArea.Autosize>
            </>
          ) : (
            <Text c="dimmed">No privacy notice has been published.</Text>
          )
        }
      </QueryState>
    </Modal>
  );
}
