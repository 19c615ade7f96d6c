import {
  Box,
  Button,
  Checkbox,
  Divider,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconKey,
  IconPlugConnected,
  IconRestore,
} from '@tabler/icons-react';
import { useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { setupContract } from '../../../shared/api/contracts/setup';
import { api, ApiError, errorMessage } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError, mainRules } from '../lib/forms';
import { navigate } from '../lib/route';
import { AuthLayout } from './AuthLayout';
import { JoinServerPractice } from './JoinServerPractice';
import { RecoveryCodePanel } from './RecoveryCodePanel';
import { RestoreFromBackup } from './RestoreFromBackup';
import { setStatus } from './session';
import { ChosenPasswordFields } from '../components/ChosenPasswordFields';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReviewerSetup } from '../reviewer/ReviewerSetup';

interface SetupValues {
  practiceName: string;
  ownerName: string;
  username: string;
  password: string;
  confirmPassword: string;
  recoveryCodeCheck: string;
}

/** Which step holds each field, so main's field errors send the owner back to the right one. */
const STEP_OF: Record<keyof SetupValues, number> = {
  practiceName: 0,
  ownerName: 1,
  username: 1,
  password: 1,
  confirmPassword: 1,
  recoveryCodeCheck: 2,
};
const FIELDS = Object.keys(STEP_OF) as Path<SetupValues>[];
const LAST = 2;
/** The fields each step checks before Next lets the owner on. */
const STEP_FIELDS: Path<SetupValues>[][] = [
  ['practiceName'],
  ['ownerName', 'username', 'password', 'confirmPassword'],
];

/** The other ways to bring a practice here: text, then its button; the buttons share a width. */
const OTHER_WAYS: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: '1fr auto',
  gap: 'var(--mantine-spacing-md)',
  alignItems: 'center',
};

const MAIN_FIELDS = setupContract['setup.complete'].input.shape;
/**
 * Main's own rule for a field (its zod schema, shared/api/fields.ts), run as the owner moves
 * on: the wizard refuses an empty name or a short password with main's words, before Next.
 */
/** Main's own rule for each field, run before Next or before sending (lib/forms.ts). */
const mainRule = mainRules(MAIN_FIELDS);

/**
 * First run: the practice, the owner's account, and the recovery code for the data key. Each
 * step is checked by main's rules before Next; main checks every field again when the last
 * step is sent. The password confirmation is checked only here: main never sees it.
 */
export function SetupWizard() {
  // A new practice, or one that exists already: from a backup, or on the practice's server.
  const [path, setPath] = useState<'new' | 'restore' | 'join'>('new');
  const [kind, setKind] = useState<'practice' | 'reviewer'>('practice');
  if (path === 'restore') return <RestoreFromBackup onBack={() => setPath('new')} />;
  if (path === 'join') return <JoinServerPractice onBack={() => setPath('new')} />;
  // What this computer is for: the practice's workstation, or a supervisor's own computer that
  // reviews packets from a practice (issue 20).
  const choice = (
    <SegmentedControl
      fullWidth
      mb="lg"
      aria-label="What this computer is for"
      value={kind}
      onChange={(v) => setKind(v as 'practice' | 'reviewer')}
      data={[
        { value: 'practice', label: 'Set up a practice' },
        { value: 'reviewer', label: 'I review for a practice' },
      ]}
    />
  );
  return kind === 'practice' ? (
    <NewPractice
      onRestore={() => setPath('restore')}
      onJoin={() => setPath('join')}
      choice={choice}
    />
  ) : (
    <AuthLayout width={640}>
      <Stack gap={4} mb="md">
        <Title order={1} fz={24} c="dark.8">
          Set up Hourkeep
        </Title>
        <Text size="sm" c="dimmed">
          A reviewer profile for your own computer.
        </Text>
      </Stack>
      {choice}
      <ReviewerSetup />
    </AuthLayout>
  );
}

function NewPractice(props: { onRestore: () => void; onJoin: () => void; choice: ReactNode }) {
  const { onRestore, onJoin, choice } = props;
  const [active, setActive] = useState(0);
  const [writtenDown, setWrittenDown] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<SetupValues>({
    defaultValues: {
      practiceName: '',
      ownerName: '',
      username: '',
      password: '',
      confirmPassword: '',
      recoveryCodeCheck: '',
    },
  });
  const { errors } = form.formState;
  // Main makes the key and code once and hands the same code back until set-up completes.
  const prepared = useApiQuery(
    'setup.prepare',
    {},
    { enabled: active === LAST, staleTime: Infinity, gcTime: Infinity },
  );
  const recoveryCode = prepared.data?.recoveryCode ?? null;

  const next = async () => {
    const fields = STEP_FIELDS[active] ?? [];
    if (!(await form.trigger(fields, { shouldFocus: true }))) return;
    setActive((a) => Math.min(LAST, a + 1));
  };

  const finish = async (values: SetupValues) => {
    setSubmitting(true);
    setFormError(null);
    try {
      const status = await api.call('setup.complete', {
        practiceName: values.practiceName,
        ownerName: values.ownerName,
        username: values.username,
        password: values.password,
        recoveryCodeCheck: values.recoveryCodeCheck,
      });
      navigate('dashboard', {}, { replace: true });
      setStatus(status);
    } catch (err) {
      setFormError(applyApiError(err, form.setError, FIELDS));
      const steps = err instanceof ApiError && err.fields ? Object.keys(err.fields) : [];
      const first = Math.min(...steps.map((f) => STEP_OF[f as keyof SetupValues] ?? LAST), LAST);
      setActive(first);
      // The banner repeats nothing a field already says.
      if (steps.length && first < LAST) setFormError(null);
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (active < LAST) {
      void next();
      return;
    }
    form.clearErrors();
    void form.handleSubmit(finish)(event);
  };

  const practiceName = useWatch({ control: form.control, name: 'practiceName' });

  return (
    <AuthLayout width={640}>
      <Stack gap={4} mb="xl">
        <Title order={1} fz={24} c="dark.8">
          Set up Hourkeep
        </Title>
        <Text size="sm" c="dimmed">
          Three short steps. Everything stays on this computer.
        </Text>
      </Stack>
      {choice}
      <form noValidate onSubmit={onSubmit}>
        <Stepper
          active={active}
          onStepClick={(step) => step < active && setActive(step)}
          allowNextStepsSelect={false}
          size="sm"
          iconSize={30}
          mb="xl"
        >
          <Stepper.Step label="Practice" description="Its name">
            <Stack gap="md" pt="lg">
              <TextInput
                label="Practice name"
                description="Shown at the top of every screen and on printed records."
                placeholder="Lakeside Family Therapy"
                withAsterisk
                data-autofocus
                autoFocus
                {...form.register('practiceName', { validate: mainRule('practiceName') })}
                error={errors.practiceName?.message}
              />
              <Divider label="or" labelPosition="center" my={4} />
              {/* A grid, so both buttons take the wider one's width and line up. */}
              <Box style={OTHER_WAYS}>
                <Text size="sm" c="dimmed">
                  Moving a practice to this computer? Bring it back from one of its backups with its
                  recovery code.
                </Text>
                <Button
                  variant="light"
                  fullWidth
                  leftSection={<IconRestore size={17} />}
                  onClick={onRestore}
                >
                  Restore from a backup
                </Button>
                <Text size="sm" c="dimmed">
                  Another workstation for a practice kept on its server? Join with the server&apos;s
                  details and the recovery code.
                </Text>
                <Button
                  variant="light"
                  fullWidth
                  leftSection={<IconPlugConnected size={17} />}
                  onClick={onJoin}
                >
                  Join a practice on a server
                </Button>
              </Box>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Owner account" description="Who runs Hourkeep">
            <Stack gap="md" pt="lg">
              <Text size="sm" c="dimmed">
                The owner adds the other users, sees the audit trail and changes the settings.
              </Text>
              <TextInput
                label="Your name"
                placeholder="Olivia Martinez"
                withAsterisk
                autoFocus
                autoComplete="name"
                {...form.register('ownerName', { validate: mainRule('ownerName') })}
                error={errors.ownerName?.message}
              />
              <TextInput
                label="Username"
                description="Letters, digits, dot, dash or underscore."
                placeholder="olivia"
                withAsterisk
                autoComplete="username"
                spellCheck={false}
                {...form.register('username', { validate: mainRule('username') })}
                error={errors.username?.message}
              />
              <ChosenPasswordFields
                form={form}
                description="At least 10 characters."
                rule={mainRule('password')}
              />
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Recovery code" description="Keep it safe">
            <Stack gap="md" pt="lg">
              <Text size="sm">
                The practice&apos;s data is encrypted. It opens with a person&apos;s password on
                this computer; the recovery code is the only other way in: it{' '}
                <b>opens your backups on a new computer</b>,{' '}
                <b>opens Hourkeep when this computer&apos;s keychain is unavailable</b>, and lets an
                owner set a new password.
              </Text>
              {prepared.isError ? (
                <Text c="red" size="sm" role="alert">
                  {errorMessage(prepared.error)}
                </Text>
              ) : !recoveryCode ? (
                <Group justify="center">
                  <Loader size="sm" aria-label="Making the recovery code" />
                </Group>
              ) : (
                <RecoveryCodePanel code={recoveryCode} practiceName={practiceName} />
              )}
              <Text size="sm" c="dimmed">
                It is shown only this once. Keep a copy away from this computer.
              </Text>
              <Checkbox
                label="I have written it down"
                checked={writtenDown}
                onChange={(e) => setWrittenDown(e.currentTarget.checked)}
                disabled={!recoveryCode}
              />
              <TextInput
                label="Type the last two groups"
                description="To check you have it: the last 10 characters, dashes optional."
                placeholder="XXXXX-XXXXX"
                leftSection={<IconKey size={16} />}
                autoComplete="off"
                spellCheck={false}
                disabled={!writtenDown}
                classNames={{ input: 'mono-input' }}
                {...form.register('recoveryCodeCheck')}
                error={errors.recoveryCodeCheck?.message}
              />
            </Stack>
          </Stepper.Step>
        </Stepper>

        {formError && (
          <ErrorAlert title="Not set up yet" mb="md">
            {formError}
          </ErrorAlert>
        )}

        <Group justify="space-between">
          <Box>
            {active > 0 && (
              <Button
                variant="default"
                leftSection={<IconArrowLeft size={17} />}
                onClick={() => setActive((a) => a - 1)}
                disabled={submitting}
              >
                Back
              </Button>
            )}
          </Box>
          {active < LAST ? (
            <Button type="submit" rightSection={<IconArrowRight size={17} />}>
              Next
            </Button>
          ) : (
            <Button type="submit" loading={submitting} disabled={!writtenDown || !recoveryCode}>
              Finish set-up
            </Button>
          )}
        </Group>
      </form>
    </AuthLayout>
  );
}
