import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { ConsentHistory, ConsentPurposes } from '../privacy/notice/ConsentList';
import { NoticeReader } from '../privacy/notice/NoticeReader';

/** The signed-in person's consents per purpose: grant or withdraw each, and the history. */
export function MyConsents() {
  const consents = useApiQuery('privacy.consents.mine', {});
  const [reading, setReading] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="my-consents-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="my-consents-title">
            Consents
          </Title>
          <Text size="sm" c="dimmed">
            Nothing is assumed: each purpose needs your yes. A withdrawal takes effect at once.
          </Text>
        </Stack>
        <Anchor component="button" type="button" size="sm" onClick={() => setReading(true)}>
          Read the privacy notice
        </Anchor>
      </Group>
      <QueryState query={consents}>
        {(c) => (
          <Stack gap="md">
            <ConsentPurposes consents={c} />
            <Title order={3} fz="sm" c="dark.6">
              History
            </Title>
            <ConsentHistory consents={c} />
          </Stack>
        )}
      </QueryState>
      <NoticeReader opened={reading} onClose={() => setReading(false)} />
    </Stack>
  );
}
