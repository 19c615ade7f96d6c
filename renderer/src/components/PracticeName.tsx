import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApiMutation, usePractice } from '../api/queries';
import { useIsOwner } from '../auth/session';
import { useApiForm } from '../lib/forms';
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
  const update = useApiMutation('practice.update');
  const form = useForm<{ name: string }>({ defaultValues: { name: props.current } });
  const { onSubmit, formError } = useApiForm(form, ['name'], async (values) => {
    await update.mutateAsync({ name: values.name });
    notifications.show({ message: 'Practice renamed', color: 'teal' });
    props.onClose();
  });

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Rename practice"
      size="md"
      onSubmit={onSubmit}
      submitLabel="Save"
      submitting={update.isPending}
      error={formError}
    >
      <TextInput
        label="Practice name"
        description="Shown at the top of every screen."
        withAsterisk
        data-autofocus
        {...form.register('name')}
        error={form.formState.errors.name?.message}
      />
    </FormModal>
  );
}
