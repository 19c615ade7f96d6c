import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useSensitiveQuestion } from '../lib/sensitive';

/** Names the API uses for free-text fields, as the forms label them. */
const FIELD_LABELS: Record<string, string> = {
  note: 'Note',
  notes: 'Notes',
  comment: 'Comment',
  reason: 'Reason',
  title: 'Title',
  provider: 'Provider',
  identityMethod: 'Identity check',
  proposedValue: 'Proposed value',
  answers: 'Answer',
};

const fieldLabel = (path: string) => FIELD_LABELS[path.split('.').at(-1) ?? path] ?? path;

/** The one "Save anyway?" dialog for text that looks like an SSN, a birth date or a diagnosis code. */
export function SensitiveConfirmHost() {
  const question = useSensitiveQuestion();
  const entries = Object.entries(question?.fields ?? {});
  return (
    <Modal
      opened={question !== null}
      onClose={() => question?.answer(false)}
      title="This looks like sensitive personal data"
      size="md"
      zIndex={400}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconShieldExclamation size={22} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="sm">
            Hourkeep is not meant to hold Social Security numbers, birth dates or diagnosis codes.
          </Text>
        </Group>
        <List size="sm" spacing={4}>
          {entries.map(([path, message]) => (
            <List.Item key={path}>
              <Text span fw={600} size="sm">
                {fieldLabel(path)}:
              </Text>{' '}
              {message}
            </List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          Remove it if you can. Save anyway only if it is not personal data.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => question?.answer(false)} data-autofocus>
            Go back and edit
          </Button>
          <Button color="orange" onClick={() => question?.answer(true)}>
            Save anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
