import { Paper, Radio, Stack, Text } from '@mantine/core';
import { notify } from '../../../lib/notify';
import { useMutation } from '@tanstack/react-query';
import type { SensitiveTextPolicy } from '../../../../../shared/domain/privacy/notice';
import { api, errorMessage } from '../../../api/client';
import { useApiQuery } from '../../../api/queries';
import { QueryState } from '../../../components/QueryState';

/** What happens to notes that look like an SSN, a full birth date or a diagnosis code. */
export function SensitivePolicy() {
  const policy = useApiQuery('privacy.policy.get', {});
  const update = useMutation({
    mutationFn: (sensitiveTextPolicy: SensitiveTextPolicy) =>
      api.call('privacy.policy.update', { sensitiveTextPolicy }),
    onSuccess: (next) => {
      notify({
        color: 'teal',
        message:
          next.sensitiveTextPolicy === 'block'
            ? 'Such text is now refused'
            : 'People are now warned and may save anyway',
      });
    },
    onError: (err) => notify({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <QueryState query={policy}>
      {(p) => (
        <Paper withBorder radius="md" p="md">
          <Radio.Group
            value={p.sensitiveTextPolicy}
            onChange={(v) => update.mutate(v as SensitiveTextPolicy)}
            label="Notes that look like an SSN, a birth date or a diagnosis code"
            description="Checked in every free-text field: hour notes, session notes, comments, reasons, CE titles, requests."
          >
            <Stack gap="xs" mt="sm">
              <Radio
                value="warn"
                label="Warn, and let the person save anyway"
                disabled={update.isPending}
              />
              <Radio value="block" label="Refuse to save it" disabled={update.isPending} />
            </Stack>
          </Radio.Group>
          <Text size="xs" c="dimmed" mt="sm">
            Hourkeep has no field for SSNs, birth dates or payment details; this keeps them out of
            notes too.
          </Text>
        </Paper>
      )}
    </QueryState>
  );
}
