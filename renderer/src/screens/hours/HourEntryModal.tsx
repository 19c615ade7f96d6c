import { Alert, Anchor, SimpleGrid, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  formatMinutes,
  type Assignment,
  type HourEntry,
  type Site,
  type SupervisorListItem,
  type Worker,
} from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { DateField, DurationFields, SelectField, TextareaField } from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { CATEGORY_OPTIONS, type HourCategory } from '../../lib/categories';
import { formatDayShort } from '../../lib/dates';
import { useApiForm } from '../../lib/forms';
import { fullName, sortName } from '../../lib/people';
import { routeHref } from '../../lib/route';
import { useSession } from '../../auth/session';

interface EntryForm {
  date: string;
  category: HourCategory | null;
  siteId: string | null;
  supervisorId: string | null;
  hours: number | string;
  mins: number | string;
  note: string;
  /** Never an input of its own: holds main's message about the duration (sent as `minutes`). */
  minutes: number;
}

const FIELDS = ['date', 'category', 'siteId', 'supervisorId', 'minutes', 'note'] as const;

const asNumber = (v: number | string): number => (v === '' ? 0 : Number(v));

/**
 * Log or edit one entry. Sites and supervisors offered are those of the worker's assignments;
 * whether the supervisor covered that site on that date is main's rule, reported on the field.
 */
export function HourEntryModal(props: {
  worker: Worker;
  entry?: HourEntry;
  defaultDate: string;
  assignments: Assignment[];
  sites: Site[];
  supervisors: SupervisorListItem[];
  /** The entry last logged this week, whose site and supervisor a new entry starts from. */
  previous?: HourEntry;
  /** Minutes already logged on a date, where known (the week on screen). */
  loggedOn: (date: string) => number | undefined;
  onSaved: (entry: HourEntry) => void;
  onClose: () => void;
}) {
  const { entry, worker, assignments } = props;
  const add = useApiMutation('hours.add');
  const update = useApiMutation('hours.update');

  const siteOptions = useMemo(() => {
    const ids = new Set(assignments.map((a) => a.siteId));
    return props.sites
      .filter((s) => ids.has(s.id) && (s.active || s.id === entry?.siteId))
      .map((s) => ({ value: String(s.id), label: s.name }));
  }, [assignments, props.sites, entry?.siteId]);

  const start = entry ?? props.previous;
  const form = useForm<EntryForm>({
    defaultValues: {
      date: entry?.date ?? props.defaultDate,
      category: entry?.category ?? null,
      siteId: start
        ? String(start.siteId)
        : siteOptions.length === 1
          ? (siteOptions[0]?.value ?? null)
          : null,
      supervisorId: start ? String(start.supervisorId) : null,
      hours: entry ? Math.floor(entry.minutes / 60) : '',
      mins: entry ? entry.minutes % 60 : '',
      note: entry?.note ?? '',
    },
  });

  const siteId = useWatch({ control: form.control, name: 'siteId' });
  const date = useWatch({ control: form.control, name: 'date' });
  const alreadyLogged =
    (props.loggedOn(date) ?? 0) - (entry && entry.date === date ? entry.minutes : 0);
  // A supervisor logs hours only in their own name (main refuses any other).
  const me = useSession().status?.user;
  const onlySupervisor = me?.role === 'supervisor' ? me.supervisorId : null;
  const supervisorOptions = useMemo(() => {
    const ids = new Set(
      assignments
        .filter((a) => siteId === null || String(a.siteId) === siteId)
        .map((a) => a.supervisorId),
    );
    return props.supervisors
      .filter((s) => onlySupervisor === null || s.id === onlySupervisor)
      .filter((s) => ids.has(s.id) && (s.active || s.id === entry?.supervisorId))
      .sort((x, y) => sortName(x).localeCompare(sortName(y)))
      .map((s) => ({ value: String(s.id), label: fullName(s) }));
  }, [assignments, props.supervisors, siteId, entry?.supervisorId, onlySupervisor]);

  // Follow the site: keep the supervisor if they are assigned there, pick the only one if so.
  useEffect(() => {
    const current = form.getValues('supervisorId');
    if (current !== null && supervisorOptions.some((o) => o.value === current)) return;
    const only = supervisorOptions.length === 1 ? supervisorOptions[0] : undefined;
    form.setValue('supervisorId', only ? only.value : null);
  }, [supervisorOptions, form]);

  const { onSubmit, formError } = useApiForm(form, FIELDS, async (v) => {
    const fields = {
      workerId: worker.id,
      date: v.date,
      // Unset choices go as null so main answers next to the field.
      category: v.category as HourCategory,
      siteId: (v.siteId === null ? null : Number(v.siteId)) as number,
      supervisorId: (v.supervisorId === null ? null : Number(v.supervisorId)) as number,
      minutes: asNumber(v.hours) * 60 + asNumber(v.mins),
      note: v.note,
    };
    const saved = entry
      ? await update.mutateAsync({ id: entry.id, ...fields })
      : await add.mutateAsync(fields);
    notify({
      message: `${entry ? 'Saved' : 'Logged'} ${formatMinutes(saved.minutes)} on ${formatDayShort(saved.date)}`,
      color: 'teal',
    });
    props.onSaved(saved);
  });

  const errors = form.formState.errors;
  const durationError = errors.minutes?.message;
  // A duration-only rejection puts the cursor in the hours (the message has no input of its own).
  const onlyDuration = Boolean(durationError) && Object.keys(errors).length === 1;
  useEffect(() => {
    if (onlyDuration) form.setFocus('hours', { shouldSelect: true });
  }, [onlyDuration, form]);

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={entry ? 'Edit entry' : `Log hours for ${fullName(worker)}`}
      submitLabel={entry ? 'Save changes' : 'Log hours'}
      submitting={add.isPending || update.isPending}
      error={formError}
      onSubmit={onSubmit}
    >
      {assignments.length === 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          {worker.firstName} has no supervisor assigned.{' '}
          <Anchor href={routeHref('workers', { supervision: worker.id })} onClick={props.onClose}>
            Assign a supervisor
          </Anchor>{' '}
          first.
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <DateField form={form} name="date" label="Date" withAsterisk data-autofocus />
        <SelectField
          form={form}
          name="category"
          label="Category"
          placeholder="Choose…"
          withAsterisk
          data={CATEGORY_OPTIONS}
          allowDeselect={false}
          maxDropdownHeight={320}
        />
        <SelectField
          form={form}
          name="siteId"
          label="Site"
          placeholder="Choose…"
          withAsterisk
          data={siteOptions}
          allowDeselect={false}
        />
        <SelectField
          form={form}
          name="supervisorId"
          label="Supervisor"
          placeholder={siteId === null ? 'Choose a site first' : 'Choose…'}
          withAsterisk
          data={supervisorOptions}
          allowDeselect={false}
        />
      </SimpleGrid>
      <DurationFields
        form={form}
        hours="hours"
        mins="mins"
        minutes="minutes"
        label="Duration"
        id="duration"
        hoursProps={{ w: 130, allowDecimal: false }}
        minsProps={{ w: 130, step: 15 }}
        aside={
          alreadyLogged > 0 && (
            <Text size="xs" c="dimmed">
              {formatMinutes(alreadyLogged)} already logged on {formatDayShort(date)}
            </Text>
          )
        }
      />
      <TextareaField
        form={form}
        name="note"
        label="Note"
        placeholder="Optional. No client names or other identifying details."
        autosize
        minRows={2}
        maxRows={5}
      />
    </FormModal>
  );
}
