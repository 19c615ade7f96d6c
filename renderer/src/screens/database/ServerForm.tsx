import { Button, Divider, Fieldset, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { MoveReport, ServerCheck } from '../../../../shared/domain/database';
import { PROGRESS_TASKS } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  SERVER_DEFAULTS,
  SERVER_FIELDS,
  ServerFields,
  toServerInput,
  type ServerValues,
} from '../../components/ServerFields';
import { SettingsSection } from '../../components/SettingsSection';
import { applyApiError, useApiForm } from '../../lib/forms';
import { notify } from '../../lib/notify';
import { TaskProgress } from '../reports/TaskProgress';
import { useProgress } from '../reports/useProgress';
import { CheckResult } from './CheckResult';

/** The values a test was made with, to tell whether the form still holds them. */
const keyOf = (v: ServerValues) => JSON.stringify(toServerInput(v));

/**
 * "Connect to a PostgreSQL server": the connection's details, "Test connection" (database.test),
 * and once a test of these very values found an empty database, "Move this practice to the
 * server…" (database.move) behind a confirmation, with the copy's progress.
 */
export function ServerForm(props: { onMoved: (report: MoveReport) => void }) {
  const form = useForm<ServerValues>({ defaultValues: SERVER_DEFAULTS });
  const values = useWatch({ control: form.control }) as ServerValues;
  const [tested, setTested] = useState<{ key: string; check: ServerCheck } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const move = useApiMutation('database.move');
  const progress = useProgress([PROGRESS_TASKS.databaseMove], move.isPending);

  const { onSubmit, formError } = useApiForm(form, SERVER_FIELDS, async (v) => {
    setTested(null);
    setMoveError(null);
    move.reset();
    const check = await api.call('database.test', toServerInput(v));
    setTested({ key: keyOf(v), check });
  });
  const { isSubmitting } = form.formState;

  // The last test counts only while the form still holds the values it was made with.
  const current = tested && tested.key === keyOf(values) ? tested.check : null;
  const ready = current !== null && current.empty;

  const startMove = async () => {
    setConfirming(false);
    setMoveError(null);
    form.clearErrors();
    try {
      // Awaited rather than mutate's callbacks: once the move is done the place query says
      // "server" and this form unmounts, and mutate's own callbacks may then never run.
      const report = await move.mutateAsync(toServerInput(form.getValues()));
      notify({ message: 'The practice is now kept on the server.', color: 'teal' });
      props.onMoved(report);
    } catch (err) {
      setTested(null);
      setMoveError(applyApiError(err, form.setError, SERVER_FIELDS));
    }
  };

  const busy = isSubmitting || move.isPending;
  const error = formError ?? moveError;

  return (
    <Paper withBorder radius="md" shadow="xs" px="xl" py="xs">
      <SettingsSection
        title="Connect to a PostgreSQL server"
        widths={[220, 520]}
        description="Several workstations can share one practice on the practice's own PostgreSQL server (15 or newer). Test the connection first: the practice moves only into an empty database."
      >
        <form noValidate onSubmit={onSubmit} aria-label="Connect to a PostgreSQL server">
          {/* Nothing changes under a move; a test leaves the fields on so an error can focus one. */}
          <Fieldset variant="unstyled" disabled={move.isPending}>
            <ServerFields
              form={form}
              passwordDescription="After the move, kept in this computer's keychain."
            />
          </Fieldset>

          {current && <CheckResult check={current} />}
          {error && (
            <ErrorAlert mt="md" title={moveError ? 'Not moved' : 'Could not connect'}>
              {error}
            </ErrorAlert>
          )}
          {move.isPending && (
            <Paper withBorder radius="md" px="md" py="sm" mt="md">
              <TaskProgress label="Copying tables to the server" progress={progress} />
            </Paper>
          )}

          <Divider mt="lg" />
          <Group justify="flex-end" pt="md" gap="sm">
            <Button
              type="submit"
              variant="default"
              loading={isSubmitting}
              disabled={move.isPending}
            >
              Test connection
            </Button>
            <Button
              disabled={!ready || busy}
              loading={move.isPending}
              aria-describedby="db-move-hint"
              onClick={() => setConfirming(true)}
            >
              Move this practice to the server…
            </Button>
          </Group>
          <Text size="xs" c="dimmed" ta="right" mt={6} pb="md" id="db-move-hint">
            {ready
              ? 'The test found an empty database: the practice can move there.'
              : 'Moving is possible once a test of these details finds an empty database.'}
          </Text>
        </form>
      </SettingsSection>
      <ConfirmDialog
        opened={confirming}
        title="Move this practice to the server?"
        confirmLabel="Move the practice"
        color="brand"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void startMove()}
      >
        Every table is copied to{' '}
        <b>
          {values.database} on {values.host}
        </b>{' '}
        and checked by row count and checksum. Hourkeep pauses while it copies. Then this
        workstation works on the server, and the file stays beside it as a backup. Other
        workstations join the practice there with the recovery code.
      </ConfirmDialog>
    </Paper>
  );
}
