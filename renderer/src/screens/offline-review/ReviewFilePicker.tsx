import { Button, FileButton, Group, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useFilePick } from '../../lib/file-pick';

/** A review file the user picked: its name and bytes, as the API takes them. */
export interface PickedFile {
  name: string;
  base64: string;
}

/** Picks one review file (.hkenrol, .hkdecision) and reads it; the caller sends it to main. */
export function ReviewFilePicker(props: {
  label: string;
  accept: string;
  picked: PickedFile | null;
  onPick: (file: PickedFile) => void;
  loading?: boolean;
  error?: string | null;
}) {
  const { reading, failed, pick } = useFilePick(props.onPick);
  const error = failed ?? props.error ?? null;
  return (
    <div>
      <Group gap="sm">
        <FileButton onChange={(f) => void pick(f)} accept={props.accept}>
          {(p) => (
            <Button
              {...p}
              variant="default"
              loading={reading || props.loading}
              leftSection={<IconFileUpload size={17} />}
            >
              {props.label}
            </Button>
          )}
        </FileButton>
        {props.picked && (
          <Text size="sm" c="dimmed" data-testid="picked-file">
            {props.picked.name}
          </Text>
        )}
      </Group>
      {error && (
        <Text size="sm" c="red.7" mt={6} role="alert" data-testid="file-error">
          {error}
        </Text>
      )}
    </div>
  );
}
