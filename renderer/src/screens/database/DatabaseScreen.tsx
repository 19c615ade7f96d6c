import { Stack } from '@mantine/core';
import { useState } from 'react';
import type { MoveReport } from '../../../../shared/domain/database';
import { useApiQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { MoveSummary } from './MoveSummary';
import { PlaceCard, ServerBackupsNote } from './PlaceCard';
import { ServerForm } from './ServerForm';

/**
 * Admin → Database (issue 21): where the practice's records are kept and, while they are in
 * this workstation's encrypted file, moving them to the practice's PostgreSQL server.
 */
export function DatabaseScreen() {
  const place = useApiQuery('database.place', {});
  // Kept here, not in the form: once the move is done the place is the server and the form goes.
  const [moved, setMoved] = useState<MoveReport | null>(null);
  return (
    <>
      <PageHeader
        title="Database"
        description="Where the practice's records are kept: this workstation's encrypted file, or the practice's PostgreSQL server."
      />
      <QueryState query={place}>
        {(p) => (
          <Stack gap="lg" maw={900}>
            {moved && <MoveSummary report={moved} onClose={() => setMoved(null)} />}
            <PlaceCard place={p} />
            {p.kind === 'file' ? <ServerForm onMoved={setMoved} /> : <ServerBackupsNote />}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
