import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { reviewerContract } from '../../../shared/api/contracts/reviewer';
import { api } from '../api/client';
import { refreshStatus } from '../auth/session';
import { ChosenPasswordFields } from '../components/ChosenPasswordFields';
import { ErrorAlert } from '../components/ErrorAlert';
import { applyApiError, blankToNull, mainRules } from '../lib/forms';
import { setReviewerStatus } from './reviewer-session';

interface Values {
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
}
const FIELDS = ['name', 'email', 'password', 'confirmPassword'] as const;

const MAIN_FIELDS = reviewerContract['reviewer.createProfile'].input.shape;
/** Main's own rule for each field, run before Next or before sending (lib/forms.ts). */
const mainRule = mainRules(MAIN_FIELDS);

/**
 * "I review for a practice": a supervisor's own computer gets a reviewer profile instead of a
 * practice. Their keys are made in main and sealed under this password and this computer's
 * keychain; the next screen shows the fingerprint and saves the enrolment request.
 */
export function ReviewerSetup() {
  const form = useForm<Values>({
    defaultValues: { name: '', email: '', password: '', confirmPassword: '' },
  });
  const { errors } = form.formState;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (v: Values) => {
    setBusy(true);
    setFormError(null);
    try {
      setReviewerStatus(
        await api.call('reviewer.createProfile', {
          name: v.name,
          email: blankToNull(v.email),
          password: v.password,
        }),
      );
      await refreshStatus();
    } catch (err) {
      setFormError(applyApiError(err, form.setError, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void form.handleSubmit(create)(e)}>
      <Stack gap="md" pt="lg">
        <Text size="sm" c="dimmed">
          For a supervisor who reviews a practice&rsquo;s weekly logs on their own computer. No
          practice data is kept here: the practice sends you review packets, you approve or return
          each week and send back a decision file.
        </Text>
        <TextInput
          label="Your name"
          description="As the practice knows you."
          placeholder="Maria Lopez"
          withAsterisk
          autoFocus
          autoComplete="name"
          {...form.register('name', { validate: mainRule('name') })}
          error={errors.name?.message}
        />
        <TextInput
          label="Email"
          placeholder="maria@example.org"
          autoComplete="email"
          {...form.register('email')}
          error={errors.email?.message}
        />
        <ChosenPasswordFields
          form={form}
          description="At least 10 characters. It signs your approvals."
          rule={mainRule('password')}
        />
        {formError && <ErrorAlert title="No profile made">{formError}</ErrorAlert>}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} leftSection={<IconUserCheck size={17} />}>
            Create reviewer profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
