import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { usePractice } from '../api/queries';
import { useIsOwner } from '../auth/session';
import { useCallForm } from '../lib/call-form';
import { TextField } from './fields';
import { FormModal } from './FormModal';

/** The practice's name in the header, with a small rename dialog. */
export function PracticeName() {
  const practice = usePractice();
  const owner = useIsOwner();
  const [opened, setOpened] = useState(false);
  const name = practice.data?.name ?? '';

  return (
    <Group gap={6} wrap="nowrap">
      <Text fw={500} c="gray.7" truncate maw={420} data-testid="practice-name">
        {name}
      </Text>
      {practice.data && owner && (
        <Tooltip label="Rename practice">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label="Rename practice"
            onClick={() => setOpened(true)}
          >
            <IconPencil size={15} />
          </ActionIcon>
        </Tooltip>
      )}
      {opened && <RenameDialog current={name} onClose={() => setOpened(false)} />}
    </Group>
  );
}

function RenameDialog(props: { current: string; onClose: () => void }) {
  const { form, modal } = useCallForm<'practice.update', { name: string }>('practice.update', {
    defaults: { name: props.current },
    fields: ['name'],
    input: ({ name }) => ({ name }),
    notice: 'Practice renamed',
    onClose: props.onClose,
  });
  return (
    <FormModal {...modal} title="Rename practice" size="md" submitLabel="Save">
      <TextField
        form={form}
        name="name"
        label="Practice name"
        description="Shown at the top of every screen."
        withAsterisk
        data-autofocus
      />
    </FormModal>
  );
}
