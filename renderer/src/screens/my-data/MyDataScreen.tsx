import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { MyConsents } from './MyConsents';
import { MyRecord } from './MyRecord';
import { MyRequests } from './MyRequests';
import { useCurrentUser } from '../../auth/session';
import { SigningKeys } from '../supervisors/SigningKeys';

/** What the practice holds about the signed-in worker or supervisor, their consents, and the
 * requests they made about it (correction, deletion) with the outcome. */
export function MyDataScreen() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader
        title="My data"
        description="Everything the practice holds about you, who it was disclosed to, your consents and your requests."
      />
      <Stack gap="xl">
        <MyRecord />
        {user.role === 'supervisor' && user.supervisorId !== null && (
          <SigningKeys supervisorId={user.supervisorId} />
        )}
        <MyRequests />
        <MyConsents />
      </Stack>
    </>
  );
}
