import { Alert, Stack } from '@mantine/core';
import { IconClipboardList, IconInfoCircle } from '@tabler/icons-react';
import { useApiQuery } from '../../api/queries';
import { Empty } from '../../components/Empty';
import { QueryState } from '../../components/QueryState';
import { AnswerCard } from './AnswerCard';

/** Open surveys for a worker or supervisor who agreed to be asked. */
export function RespondentSurveys() {
  const query = useApiQuery('surveys.list', {});
  return (
    <QueryState query={query}>
      {(list) =>
        !list.canAnswer ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} title="Not asked">
            {list.notInvitedReason}
          </Alert>
        ) : list.surveys.length === 0 ? (
          <Empty
            icon={<IconClipboardList size={28} />}
            title="No open surveys"
            description="When the practice opens a survey it appears here."
          />
        ) : (
          <Stack gap="lg">
            {list.surveys.map((s) => (
              <AnswerCard key={s.id} survey={s} />
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
