import { Button, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import type { PrivacyRequestView } from '../../../../shared/domain/privacy/requests';
import { useApiQuery } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { DecideModal } from '../privacy/requests/DecideModal';
import { RequestCard } from '../privacy/requests/RequestBits';

/** Open requests to correct a locked week of the supervisor's workers, above the review queue. */
export function CorrectionRequests() {
  const user = useCurrentUser();
  const list = useApiQuery(
    'privacy.requests.list',
    { status: 'open', kind: 'correction' },
    { enabled: user.role === 'supervisor' },
  );
  const [deciding, setDeciding] = useState<PrivacyRequestView | null>(null);
  const rows = list.data ?? [];
  if (user.role !== 'supervisor' || rows.length === 0) return null;
  return (
    <section aria-labelledby="correction-requests-title" style={{ marginTop: 24 }}>
      <Title order={2} size="h4" mb="sm" id="correction-requests-title">
        Correction requests for signed weeks
      </Title>
      <Stack gap="sm">
        {rows.map((r) => (
          <RequestCard
            key={r.id}
            request={r}
            showPerson
            actions={<Button onClick={() => setDeciding(r)}>Decide</Button>}
          />
        ))}
      </Stack>
      {deciding && <DecideModal request={deciding} onClose={() => setDeciding(null)} />}
    </section>
  );
}
