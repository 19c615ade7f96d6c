import { SimpleGrid } from '@mantine/core';
import { notify } from '../../../lib/notify';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { PrivacyNotice } from '../../../../../shared/domain/privacy/notice';
import { api } from '../../../api/client';
import { DateField, TextareaField, TextField } from '../../../components/fields';
import { FormModal } from '../../../components/FormModal';
import { todayIso } from '../../../lib/dates';
import { useApiForm } from '../../../lib/forms';

interface PublishForm {
  version: string;
  publishedOn: string;
  body: string;
}
const FIELDS = ['version', 'publishedOn', 'body'] as const;

/** Suggests the next minor version: 1.0 → 1.1, 2.9 → 2.10; anything else is left to the owner. */
const nextVersion = (v: string) => {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? `${m[1]}.${Number(m[2]) + 1}` : '';
};

/** A new version of the notice, starting from the current text. Everyone acknowledges it at their next sign-in. */
export function PublishNoticeModal(props: { current: PrivacyNotice; onClose: () => void }) {
  const publish = useMutation({
    mutationFn: (i: PublishForm) => api.call('privacy.notice.publish', i),
  });
  const form = useForm<PublishForm>({
    defaultValues: {
      version: nextVersion(props.current.version),
      publishedOn: todayIso(),
      body: props.current.body,
    },
  });
  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const published = await publish.mutateAsync(v);
    notify({ color: 'teal', message: `Published version ${published.version}` });
    props.onClose();
  });
  return (
    <FormModal
      onClose={props.onClose}
      title="Publish a new version"
      submitLabel="Publish"
      submitting={publish.isPending}
      error={formError}
      onSubmit={onSubmit}
      size="xl"
    >
      <SimpleGrid cols={2}>
        <TextField
          form={form}
          name="version"
          label="Version"
          description={`The current version is ${props.current.version}`}
          withAsterisk
          data-autofocus
        />
        <DateField
          form={form}
          name="publishedOn"
          label="Published on"
          description="Today or earlier"
          withAsterisk
        />
      </SimpleGrid>
      <TextareaField
        form={form}
        name="body"
        label="Notice"
        description="Plain text. A blank line starts a new section; a short first line is its heading; lines starting with “- ” make a list."
        withAsterisk
        autosize
        minRows={12}
        maxRows={22}
      />
    </FormModal>
  );
}
