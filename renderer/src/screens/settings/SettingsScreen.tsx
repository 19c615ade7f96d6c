import {
  Alert,
  Button,
  Divider,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCircleCheck, IconDeviceFloppy, IconKey } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { Settings } from '../../../../shared/domain/settings';
import { useApiMutation, useSettings } from '../../api/queries';
import { refreshStatus } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { IDLE_MINUTE_CHOICES } from '../../lib/domain';
import { useApiForm } from '../../lib/forms';
import { ChangeKeysDialog } from './ChangeKeysDialog';

/** Workstation settings: when the app locks itself, and how failed sign-ins are handled. */
export function SettingsScreen() {
  const settings = useSettings();
  return (
    <>
      <PageHeader
        title="Settings"
        description="How this computer protects the records when nobody is at it."
      />
      <QueryState query={settings}>{(s) => <SettingsForm settings={s} />}</QueryState>
    </>
  );
}

function Section(props: { title: string; description: string; children: ReactNode }) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="xl" py="lg">
      <Stack gap={4} w={260} style={{ flexShrink: 0 }}>
        <Title order={2} fz="md" fw={650}>
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
      </Stack>
      <Stack gap="md" style={{ flex: 1 }} maw={420}>
        {props.children}
      </Stack>
    </Group>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const update = useApiMutation('settings.update');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [changingKeys, setChangingKeys] = useState(false);
  const form = useForm<Settings>({ defaultValues: settings });
  const { errors, isDirty } = form.formState;
  const { onSubmit, formError } = useApiForm(
    form,
    ['idleMinutes', 'maxFailedSignIns', 'lockoutMinutes'],
    async (values) => {
      // Only this form's fields: backup settings are saved from the Backups screen, and a stale
      // copy of them in this form must not overwrite them.
      const saved = await update.mutateAsync({
        idleMinutes: values.idleMinutes,
        maxFailedSignIns: values.maxFailedSignIns,
        lockoutMinutes: values.lockoutMinutes,
      });
      form.reset(saved);
      setSavedAt(new Date());
      notifications.show({ message: 'Settings saved', color: 'teal' });
      // The lock screen says how long the app waited: main's status carries the new value.
      void refreshStatus();
    },
  );

  return (
    <>
      {/* Outside the settings form: React passes submit events up through portals. */}
      <ChangeKeysDialog opened={changingKeys} onClose={() => setChangingKeys(false)} />
      <form noValidate onSubmit={onSubmit} aria-label="Settings">
        <Paper withBorder radius="md" shadow="xs" px="xl" py="xs" maw={800}>
          <Section
            title="Auto-lock"
            description="Hourkeep locks itself after this long without a key press or click, and whenever the computer locks or sleeps."
          >
            <Controller
              control={form.control}
              name="idleMinutes"
              render={({ field }) => (
                <Input.Wrapper
                  label="Lock after"
                  id="idle-minutes"
                  error={errors.idleMinutes?.message}
                >
                  <SegmentedControl
                    mt={6}
                    fullWidth
                    aria-labelledby="idle-minutes-label"
                    data={IDLE_MINUTE_CHOICES.map((m) => ({
                      value: String(m),
                      label: m === 60 ? '1 hour' : `${m} min`,
                    }))}
                    value={String(field.value)}
                    onChange={(v) => field.onChange(Number(v))}
                  />
                </Input.Wrapper>
              )}
            />
          </Section>
          <Divider />
          <Section
            title="Failed sign-ins"
            description="After a wrong password Hourkeep makes people wait a little longer each time; after too many, the account is locked for a while. The owner can end a lock-out by resetting the password."
          >
            <Controller
              control={form.control}
              name="maxFailedSignIns"
              render={({ field }) => (
                <NumberInput
                  label="Failed attempts before lock-out"
                  description="Between 3 and 20."
                  w={260}
                  min={3}
                  max={20}
                  allowDecimal={false}
                  allowNegative={false}
                  value={field.value}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.maxFailedSignIns?.message}
                />
              )}
            />
            <Controller
              control={form.control}
              name="lockoutMinutes"
              render={({ field }) => (
                <NumberInput
                  label="Lock-out length"
                  description="Minutes, between 1 and 1440 (a day)."
                  w={260}
                  min={1}
                  max={1440}
                  allowDecimal={false}
                  allowNegative={false}
                  suffix=" min"
                  value={field.value}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.lockoutMinutes?.message}
                />
              )}
            />
          </Section>
          <Divider />
          <Section
            title="Encryption keys"
            description="The practice's data is encrypted under a data key that opens with each person's password or the recovery code. Change both if the recovery code was lost or seen by someone else."
          >
            <Button
              variant="default"
              w={260}
              leftSection={<IconKey size={17} />}
              onClick={() => setChangingKeys(true)}
            >
              Change data key and recovery code
            </Button>
          </Section>
          <Divider />
          <Group justify="flex-end" py="md" gap="md">
            {savedAt && !isDirty && (
              <Group gap={6} c="teal.8" role="status">
                <IconCircleCheck size={17} />
                <Text size="sm" fw={500}>
                  Saved
                </Text>
              </Group>
            )}
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!isDirty}
              leftSection={<IconDeviceFloppy size={17} />}
            >
              Save settings
            </Button>
          </Group>
        </Paper>
        {formError && (
          <Alert
            mt="md"
            maw={800}
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title="Not saved"
            role="alert"
          >
            {formError}
          </Alert>
        )}
      </form>
    </>
  );
}
