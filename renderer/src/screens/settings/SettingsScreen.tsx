import { Button, Divider, Group, Input, Paper, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconCircleCheck, IconDeviceFloppy, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Settings } from '../../../../shared/domain/settings';
import { useApiMutation, useSettings } from '../../api/queries';
import { refreshStatus } from '../../auth/session';
import { fieldError, NumberField, SegmentedField } from '../../components/fields';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SettingsSection } from '../../components/SettingsSection';
import { IDLE_MINUTE_CHOICES } from '../../lib/domain';
import { useApiForm } from '../../lib/forms';
import { ChangeKeysDialog } from './ChangeKeysDialog';
import { ErrorAlert } from '../../components/ErrorAlert';

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

function SettingsForm({ settings }: { settings: Settings }) {
  const update = useApiMutation('settings.update');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [changingKeys, setChangingKeys] = useState(false);
  const form = useForm<Settings>({ defaultValues: settings });
  const { isDirty } = form.formState;
  // The lock-out figures are numbers in the form (the input hands over text while it is not one).
  const wholeNumber = {
    w: 260,
    allowDecimal: false,
    allowNegative: false,
    parse: (v: number | string) => (typeof v === 'number' ? v : Number(v)),
  };
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
      notify({ message: 'Settings saved', color: 'teal' });
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
          <SettingsSection
            widths={[260, 420]}
            title="Auto-lock"
            description="Hourkeep locks itself after this long without a key press or click, and whenever the computer locks or sleeps."
          >
            <Input.Wrapper
              label="Lock after"
              id="idle-minutes"
              error={fieldError(form, 'idleMinutes')}
            >
              <SegmentedField
                form={form}
                name="idleMinutes"
                parse={Number}
                mt={6}
                fullWidth
                aria-labelledby="idle-minutes-label"
                data={IDLE_MINUTE_CHOICES.map((m) => ({
                  value: String(m),
                  label: m === 60 ? '1 hour' : `${m} min`,
                }))}
              />
            </Input.Wrapper>
          </SettingsSection>
          <Divider />
          <SettingsSection
            widths={[260, 420]}
            title="Failed sign-ins"
            description="After a wrong password Hourkeep makes people wait a little longer each time; after too many, the account is locked for a while. The owner can end a lock-out by resetting the password."
          >
            <NumberField
              form={form}
              name="maxFailedSignIns"
              label="Failed attempts before lock-out"
              description="Between 3 and 20."
              min={3}
              max={20}
              {...wholeNumber}
            />
            <NumberField
              form={form}
              name="lockoutMinutes"
              label="Lock-out length"
              description="Minutes, between 1 and 1440 (a day)."
              min={1}
              max={1440}
              suffix=" min"
              {...wholeNumber}
            />
          </SettingsSection>
          <Divider />
          <SettingsSection
            widths={[260, 420]}
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
          </SettingsSection>
          <Divider />
          <Group justify="flex-end" py="md" gap="md">
            {savedAt && !isDirty && (
              <Group gap={6} c="teal.9" role="status">
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
          <ErrorAlert mt="md" maw={800} title="Not saved">
            {formError}
          </ErrorAlert>
        )}
      </form>
    </>
  );
}
