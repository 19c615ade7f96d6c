import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

/**
 * A dialog holding one form: Enter submits (a real submit button), Escape and Cancel close,
 * focus starts on the element marked `data-autofocus`. Validation is main's: the form sets
 * `noValidate` so the browser never pre-empts the API's field messages.
 */
export function FormModal(props: {
  /** Open unless said otherwise (most dialogs are mounted only while open). */
  opened?: boolean;
  onClose: () => void;
  title: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The submit button's text; the title's by default. */
  submitLabel?: string;
  submitting: boolean;
  /** A failure that belongs to no single field. */
  error?: string | null;
  size?: string | number;
  /** A line or two above the fields saying what the dialog does. */
  intro?: ReactNode;
  /** Red for a submit that takes something away; the theme's colour by default. */
  submitColor?: string;
  children: ReactNode;
}) {
  return (
    <Modal
      opened={props.opened ?? true}
      onClose={props.onClose}
      title={props.title}
      size={props.size ?? 'lg'}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form noValidate onSubmit={props.onSubmit}>
        <Stack gap="md">
          {props.error && <ErrorAlert title="Not saved">{props.error}</ErrorAlert>}
          {props.intro && (
            <Text size="sm" c="dimmed">
              {props.intro}
            </Text>
          )}
          {props.children}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={props.onClose} disabled={props.submitting}>
              Cancel
            </Button>
            <Button type="submit" loading={props.submitting} color={props.submitColor}>
              {props.submitLabel ?? props.title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
