import { Tabs } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { navigate, useRoute } from '../../lib/route';
import { NoticeTab } from './NoticeTab';
import { RecordsTab } from './RecordsTab';
import { RequestsTab } from './RequestsTab';
import { RetentionTab } from './RetentionTab';

const TABS = ['requests', 'records', 'deletion', 'notice'] as const;
type Tab = (typeof TABS)[number];

/** The owner's privacy desk: the requests register, people's records and disclosures,
 * deletion under the retention rules, and the privacy notice. The tab is in the route. */
export function PrivacyScreen() {
  const route = useRoute();
  const asked = route.params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'requests';
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Requests from people about their data, their records and who they were disclosed to, deletion, and the privacy notice."
      />
      <Tabs
        value={tab}
        onChange={(next) => next && navigate('privacy', { tab: next }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="requests">Requests</Tabs.Tab>
          <Tabs.Tab value="records">Records and disclosures</Tabs.Tab>
          <Tabs.Tab value="deletion">Deletion and retention</Tabs.Tab>
          <Tabs.Tab value="notice">Notice and consent</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests">
          <RequestsTab />
        </Tabs.Panel>
        <Tabs.Panel value="records">
          <RecordsTab />
        </Tabs.Panel>
        <Tabs.Panel value="deletion">
          <RetentionTab />
        </Tabs.Panel>
        <Tabs.Panel value="notice">
          <NoticeTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
