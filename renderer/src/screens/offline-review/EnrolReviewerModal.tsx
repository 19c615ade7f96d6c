import { Checkbox, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { EnrolmentPreview } from '../../../../shared/domain/review-views';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../../../shared/domain/format';
import { useApiForm } from '../../lib/forms';
import { Fingerprint } from './Fingerprint';
import { ReviewFilePicker, type PickedFile } from './ReviewFilePicker';

interface Values {
  supervisorId: string;
  fingerprintConfirmed: boolean;
  adopt: boolean;
  reviewerPassword: string;
  accountPassword: string;
}

/**
 * Supervisors → Enrol reviewer computer: the owner imports the enrolment request the
 * supervisor's computer saved, compares the fingerprint with the one on the supervisor's
 * screen, and enrols it. Optionally the supervisor's workstation account adopts the same
 * signing key (both passwords typed by the supervisor).
 */
export function EnrolReviewerModal(props: { supervisorId: number; onClose: () => void }) {
  const preview = useApiMutation('reviewers.previewEnrolment');
  const enrol = useApiMutation('reviewers.enrol');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [read, setRead] = useState<EnrolmentPreview | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      supervisorId: String(props.supervisorId),
      fingerprintConfirmed: false,
      adopt: false,
      reviewerPassword: '',
      accountPassword: '',
    },
  });
  const adopt = useWatch({ control: form.control, name: 'adopt' });
  const supervisorId = useWatch({ control: form.control, name: 'supervisorId' });
  const chosen = read?.candidates.find((c) => String(c.supervisorId) === supervisorId);

  const pick = async (picked: PickedFile) => {
    setFile(picked);
    setRead(null);
    try {
      setRead(await preview.mutateAsync(picked));
    } catch {
      // Shown under the picker from preview.error.
    }
  };

  const { onSubmit, formError } = useApiForm(
    form,
    ['supervisorId', 'fingerprintConfirmed', 'reviewerPassword', 'accountPassword'],
    async (v) => {
      if (!file || !read) throw new Error('Choose the enrolment request file first.');
      const done = await enrol.mutateAsync({
        name: file.name,
        base64: file.base64,
        supervisorId: Number(v.supervisorId),
        fingerprintConfirmed: v.fingerprintConfirmed as true,
        ...(v.adopt
          ? { adopt: { reviewerPassword: v.reviewerPassword, accountPassword: v.accountPassword } }
          : {}),
      });
      notify({
        message: `Reviewer computer enrolled for ${done.supervisorName}`,
        color: 'teal',
      });
      props.onClose();
    },
    {
      'adopt.reviewerPassword': 'reviewerPassword',
      'adopt.accountPassword': 'accountPassword',
      file: 'supervisorId',
    },
  );

  return (
    <FormModal
      onClose={props.onClose}
      title="Enrol reviewer computer"
      submitLabel="Enrol"
      onSubmit={onSubmit}
      submitting={enrol.isPending}
      error={formError}
      intro="The supervisor chose “I review for a practice” in Hourkeep on their own computer and saved an enrolment request. Choose that file, then compare the fingerprint with the one on their screen."
    >
      <ReviewFilePicker
        label="Choose enrolment request…"
        accept=".hkenrol,application/json"
        picked={file}
        onPick={(f) => void pick(f)}
        loading={preview.isPending}
        error={preview.error ? errorMessage(preview.error) : null}
      />
      {read && (
        <Stack gap="md">
          <Text size="sm">
            <b>{read.name}</b>
            {read.email ? ` (${read.email})` : ''}, request made {formatDateTime(read.createdAt)}.
          </Text>
          {read.enrolledFor !== null && (
            <Text size="sm" c="orange.8" data-testid="already-enrolled">
              This computer is already enrolled
              {` for ${read.candidates.find((c) => c.supervisorId === read.enrolledFor)?.name ?? 'a supervisor'}`}
              .
            </Text>
          )}
          <Fingerprint value={read.fingerprint} label="Fingerprint of this reviewer computer" />
          <Select
            label="Supervisor"
            description="Whose reviewer computer this is"
            data={read.candidates.map((c) => ({
              value: String(c.supervisorId),
              label: `${c.name}${c.match === 'email' ? ' — same email' : c.match === 'name' ? ' — same name' : ''}`,
            }))}
            value={supervisorId}
            onChange={(v) => form.setValue('supervisorId', v ?? '')}
            allowDeselect={false}
            error={form.formState.errors.supervisorId?.message}
          />
          <Checkbox
            label="The supervisor’s screen shows the same fingerprint"
            {...form.register('fingerprintConfirmed')}
            error={form.formState.errors.fingerprintConfirmed?.message}
          />
          <Checkbox
            label="Also sign at this workstation with the same key"
            description={
              chosen?.hasAccount
                ? 'The supervisor types both passwords: their reviewer password and their workstation password.'
                : 'Only for a supervisor with a workstation account.'
            }
            disabled={!chosen?.hasAccount}
            {...form.register('adopt')}
          />
          {adopt && chosen?.hasAccount && (
            <>
              <PasswordInput
                label="Reviewer password"
                description="The password of the reviewer profile on their computer"
                autoComplete="off"
                {...form.register('reviewerPassword')}
                error={form.formState.errors.reviewerPassword?.message}
              />
              <PasswordInput
                label="Workstation password"
                description="The supervisor’s password at this workstation"
                autoComplete="off"
                {...form.register('accountPassword')}
                error={form.formState.errors.accountPassword?.message}
              />
            </>
          )}
        </Stack>
      )}
    </FormModal>
  );
}
