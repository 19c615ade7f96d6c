import { Input, SimpleGrid, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useApiMutation } from '../../api/queries';
import {
  DateField,
  fieldError,
  MinutesField,
  MultiSelectField,
  SegmentedField,
  SelectField,
  TextareaField,
} from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { formatDayShort } from '../../lib/dates';
import {
  SESSION_ATTENDEES,
  formatMinutes,
  type SessionKind,
  type Site,
  type Supervisor,
  type SupervisionSession,
  type Worker,
} from '../../lib/domain';
import { useApiForm } from '../../lib/forms';
import { fullName, sortName } from '../../lib/people';

interface SessionForm {
  date: string;
  kind: SessionKind;
  supervisorId: string | null;
  siteId: string | null;
  minutes: number | string;
  workerIds: string[];
  note: string;
}

const FIELDS = ['date', 'kind', 'supervisorId', 'siteId', 'minutes', 'workerIds', 'note'] as const;

export const KIND_LABELS: Record<SessionKind, string> = {
  individual: 'Individual',
  triadic: 'Triadic',
  group: 'Group',
};

const attendeeHint = (kind: SessionKind) => {
  const { min, max } = SESSION_ATTENDEES[kind];
  return min === max ? `${min} supervisee${min === 1 ? '' : 's'}` : `${min} to ${max} supervisees`;
};

/**
 * Record or change a session. Each attendee gets the session's minutes as supervision hours;
 * main checks every attendee's assignment, frozen weeks and the 24-hour day.
 */
export function SessionFormModal(props: {
  session?: SupervisionSession;
  defaultDate: string;
  /** Set for a supervisor: the sessions they record are their own. */
  ownSupervisorId: number | null;
  supervisors: Supervisor[];
  sites: Site[];
  workers: Worker[];
  onClose: () => void;
}) {
  const { session } = props;
  const create = useApiMutation('sessions.create');
  const update = useApiMutation('sessions.update');
  const form = useForm<SessionForm>({
    defaultValues: {
      date: session?.date ?? props.defaultDate,
      kind: session?.kind ?? 'individual',
      supervisorId: session
        ? String(session.supervisorId)
        : props.ownSupervisorId !== null
          ? String(props.ownSupervisorId)
          : null,
      siteId: session
        ? String(session.siteId)
        : props.sites.filter((s) => s.active).length === 1
          ? String(props.sites.find((s) => s.active)?.id)
          : null,
      minutes: session?.minutes ?? 60,
      workerIds: session?.workerIds.map(String) ?? [],
      note: session?.note ?? '',
    },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const date = useWatch({ control: form.control, name: 'date' });

  const supervisorOptions = useMemo(
    () =>
      props.supervisors
        .filter((s) => s.active || s.id === session?.supervisorId)
        .sort((a, b) => sortName(a).localeCompare(sortName(b)))
        .map((s) => ({ value: String(s.id), label: `${fullName(s)} (${s.licenseType})` })),
    [props.supervisors, session?.supervisorId],
  );
  const siteOptions = props.sites
    .filter((s) => s.active || s.id === session?.siteId)
    .map((s) => ({ value: String(s.id), label: s.name }));
  const workerOptions = props.workers
    .filter((w) => w.active || session?.workerIds.includes(w.id))
    .sort((a, b) => sortName(a).localeCompare(sortName(b)))
    .map((w) => ({ value: String(w.id), label: fullName(w) }));

  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = {
      date: v.date,
      kind: v.kind,
      supervisorId: (v.supervisorId === null ? null : Number(v.supervisorId)) as number,
      siteId: (v.siteId === null ? null : Number(v.siteId)) as number,
      minutes: v.minutes === '' ? 0 : Number(v.minutes),
      workerIds: v.workerIds.map(Number),
      note: v.note,
    };
    const saved = session
      ? await update.mutateAsync({ id: session.id, ...fields })
      : await create.mutateAsync(fields);
    notify({
      message: `${session ? 'Saved' : 'Recorded'} ${KIND_LABELS[saved.kind].toLowerCase()} session on ${formatDayShort(saved.date)}: ${formatMinutes(saved.minutes)} for ${saved.workerIds.length} supervisee${saved.workerIds.length === 1 ? '' : 's'}`,
      color: 'teal',
    });
    props.onClose();
  });

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={session ? 'Edit supervision session' : 'Record supervision session'}
      onSubmit={onSubmit}
      submitLabel={session ? 'Save session' : 'Record session'}
      submitting={create.isPending || update.isPending}
      error={formError}
    >
      <Input.Wrapper label="Kind" error={fieldError(form, 'kind')}>
        <SegmentedField
          form={form}
          name="kind"
          fullWidth
          mt={4}
          data={(['individual', 'triadic', 'group'] as const).map((k) => ({
            value: k,
            label: KIND_LABELS[k],
          }))}
          aria-label="Kind"
        />
      </Input.Wrapper>
      <SimpleGrid cols={2} spacing="md">
        <DateField form={form} name="date" label="Date" withAsterisk data-autofocus />
        <MinutesField
          form={form}
          name="minutes"
          withAsterisk
          step={15}
          allowDecimal={false}
          spelled
        />
        <SelectField
          form={form}
          name="supervisorId"
          label="Supervisor"
          withAsterisk
          data={supervisorOptions}
          disabled={props.ownSupervisorId !== null}
          searchable
        />
        <SelectField form={form} name="siteId" label="Site" withAsterisk data={siteOptions} />
      </SimpleGrid>
      <MultiSelectField
        form={form}
        name="workerIds"
        label="Attendees"
        description={`${KIND_LABELS[kind]}: ${attendeeHint(kind)}, each assigned to the supervisor at this site on ${date ? formatDayShort(date) : 'the date'}.`}
        withAsterisk
        data={workerOptions}
        searchable
        hidePickedOptions
      />
      <TextareaField form={form} name="note" label="Note" autosize minRows={2} maxRows={5} />
      <Text size="xs" c="dimmed">
        Each attendee&apos;s hours show this session as supervision; change them here, not on the
        Hours screen.
      </Text>
    </FormModal>
  );
}
