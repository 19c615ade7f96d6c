import { Textarea } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';

/** The comment a returned week carries back to the worker, at the workstation and offline. */
export function ReturnCommentField({ form }: { form: UseFormReturn<{ comment: string }> }) {
  return (
    <Textarea
      label="Comment"
      description="What needs to change"
      withAsterisk
      autosize
      minRows={3}
      maxRows={8}
      data-autofocus
      {...form.register('comment')}
      error={form.formState.errors.comment?.message}
    />
  );
}
