import { Button, Group, Input, SimpleGrid, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconFileCertificate, IconPaperclip, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import {
  DateField,
  DurationFields,
  FileField,
  fieldError,
  SelectField,
  TextField,
} from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { todayIso } from '../../lib/dates';
import {
  CE_CATEGORIES,
  CE_CATEGORY_LABELS,
  CE_CERTIFICATE_MAX_BYTES,
  CE_CERTIFICATE_TYPES,
  formatMinutes,
  type CeCategory,
  type CePersonType,
  type CeRecord,
} from '../../lib/domain';
import { readFileBase64 } from '../../lib/download';
import { useApiForm } from '../../lib/forms';
import { fromMinutes, toMinutes } from './ceFormat';

interface RecordForm {
  title: string;
  provider: string;
  date: string;
  category: CeCategory | null;
  hours: number | string;
  mins: number | string;
  /** Never an input of its own: holds main's message about the duration (sent as `minutes`). */
  minutes: number;
  file: File | null;
  /** Holds main's message about the file (sent as `certificate`). */
  certificate: string;
}

const FIELDS = ['title', 'provider', 'date', 'category', 'minutes', 'certificate'] as const;
const CATEGORY_OPTIONS = CE_CATEGORIES.map((c) => ({ value: c, label: CE_CATEGORY_LABELS[c] }));

/** Add or edit one course; the certificate is kept unless a new file replaces it or it is removed. */
export function CeRecordModal(props: {
  person: { personType: CePersonType; personId: number; name: string };
  record?: CeRecord;
  onClose: () => void;
}) {
  const { record, person } = props;
  const create = useApiMutation('ce.create');
  const update = useApiMutation('ce.update');
  const [removing, setRemoving] = useState(false);
  const start = record ? fromMinutes(record.minutes) : null;
  const form = useForm<RecordForm>({
    defaultValues: {
      title: record?.title ?? '',
      provider: record?.provider ?? '',
      date: record?.date ?? todayIso(),
      category: record?.category ?? null,
      hours: start ? start.hours : '',
      mins: start ? start.mins : '',
      file: null,
    },
  });

  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    // Checked here too so a large file is not read and sent only to be refused; main decides.
    if (v.file && v.file.size > CE_CERTIFICATE_MAX_BYTES) {
      form.setError('certificate', { message: 'The file is larger than 5 MB' });
      return;
    }
    const certificate = v.file
      ? { name: v.file.name, mimeType: v.file.type, base64: await readFileBase64(v.file) }
      : removing
        ? null
        : undefined;
    const fields = {
      title: v.title,
      provider: v.provider,
      date: v.date,
      category: v.category as CeCategory,
      minutes: toMinutes(v.hours, v.mins),
      ...(certificate === undefined ? {} : { certificate }),
    };
    const saved = record
      ? await update.mutateAsync({ id: record.id, ...fields })
      : await create.mutateAsync({
          personType: person.personType,
          personId: person.personId,
          ...fields,
        });
    notify({
      message: `${record ? 'Saved' : 'Added'} ${saved.title} (${formatMinutes(saved.minutes)})`,
      color: 'teal',
    });
    props.onClose();
  });

  const keeps = record?.hasCertificate && !removing;

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={record ? 'Edit course' : `Add a course for ${person.name}`}
      submitLabel={record ? 'Save changes' : 'Add course'}
      submitting={create.isPending || update.isPending}
      error={formError}
      onSubmit={onSubmit}
    >
      <TextField form={form} name="title" label="Course title" withAsterisk data-autofocus />
      <SimpleGrid cols={2}>
        <TextField form={form} name="provider" label="Provider" withAsterisk />
        <DateField form={form} name="date" label="Date completed" withAsterisk />
        <SelectField
          form={form}
          name="category"
          label="Category"
          placeholder="Choose…"
          withAsterisk
          data={CATEGORY_OPTIONS}
          allowDeselect={false}
        />
        <DurationFields
          form={form}
          hours="hours"
          mins="mins"
          minutes="minutes"
          label="CE hours"
          id="ce-duration"
          hoursProps={{ decimalScale: 2 }}
          description={
            <Input.Description mt={5}>
              As on the certificate: 1.5 h, or 1 h 30 min
            </Input.Description>
          }
        />
      </SimpleGrid>
      {keeps ? (
        <Group gap="xs" wrap="nowrap">
          <IconFileCertificate size={18} stroke={1.7} aria-hidden />
          <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
            Certificate: {record.certificateName}
          </Text>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconX size={14} />}
            onClick={() => setRemoving(true)}
          >
            Remove
          </Button>
        </Group>
      ) : null}
      <FileField
        form={form}
        name="file"
        label={keeps ? 'Replace certificate' : 'Certificate'}
        description="Optional. PDF, PNG or JPEG, up to 5 MB."
        placeholder="Choose a file…"
        accept={CE_CERTIFICATE_TYPES.join(',')}
        leftSection={<IconPaperclip size={16} />}
        clearable
        onPick={() => form.clearErrors('certificate')}
        error={fieldError(form, 'certificate')}
      />
      {removing && (
        <Text size="sm" c="dimmed">
          The certificate {record?.certificateName} will be removed when you save.{' '}
          <Button size="compact-xs" variant="subtle" onClick={() => setRemoving(false)}>
            Keep it
          </Button>
        </Text>
      )}
    </FormModal>
  );
}
