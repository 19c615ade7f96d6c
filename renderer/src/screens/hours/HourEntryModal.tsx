import {
  Alert,
  Anchor,
  Group,
  Input,
  NumberInput,
  Select,
  SimpleGrid,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import {
  formatMinutes,
  type Assignment,
  type HourEntry,
  type Site,
  type SupervisorListItem,
  type Worker,
} from '../../lib/domain';
import { useApiMutation } from '../../api/queries';
import { DateInput } from '../../components/DateInput';
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
    notifications.show({
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

  // Both inputs point at the one message under the pair (Mantine would point at its own).
  const durationAria = {
    withAria: false,
    'aria-invalid': durationError ? true : undefined,
    'aria-describedby': durationError ? 'duration-error' : undefined,
  };

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
        <DateInput
          label="Date"
          withAsterisk
          data-autofocus
          {...form.register('date')}
          error={errors.date?.message}
        />
        <Controller
          control={form.control}
          name="category"
          render={({ field }) => (
            <Select
              label="Category"
              placeholder="Choose…"
              withAsterisk
              data={CATEGORY_OPTIONS}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              ref={field.ref}
              allowDeselect={false}
              maxDropdownHeight={320}
              error={errors.category?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="siteId"
          render={({ field }) => (
            <Select
              label="Site"
              placeholder="Choose…"
              withAsterisk
              data={siteOptions}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              allowDeselect={false}
              error={errors.siteId?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="supervisorId"
          render={({ field }) => (
            <Select
              label="Supervisor"
              placeholder={siteId === null ? 'Choose a site first' : 'Choose…'}
              withAsterisk
              data={supervisorOptions}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              allowDeselect={false}
              error={errors.supervisorId?.message}
            />
          )}
        />
      </SimpleGrid>
      <div role="group" aria-labelledby="duration-label">
        <Input.Label id="duration-label" required>
          Duration
        </Input.Label>
        <Group gap="sm" wrap="nowrap">
          <Controller
            control={form.control}
            name="hours"
            render={({ field }) => (
              <NumberInput
                w={130}
                aria-label="Hours"
                {...durationAria}
                rightSection="h"
                rightSectionPointerEvents="none"
                hideControls
                min={0}
                allowNegative={false}
                allowDecimal={false}
                clampBehavior="none"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={Boolean(durationError)}
              />
            )}
          />
          <Controller
            control={form.control}
            name="mins"
            render={({ field }) => (
              <NumberInput
                w={130}
                aria-label="Minutes"
                {...durationAria}
                rightSection="min"
                rightSectionWidth={44}
                rightSectionPointerEvents="none"
                hideControls
                min={0}
                step={15}
                allowNegative={false}
                allowDecimal={false}
                clampBehavior="none"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={Boolean(durationError)}
              />
            )}
          />
          {alreadyLogged > 0 && (
            <Text size="xs" c="dimmed">
              {formatMinutes(alreadyLogged)} already logged on {formatDayShort(date)}
            </Text>
          )}
        </Group>
        {durationError && (
          <Input.Error id="duration-error" mt={5}>
            {durationError}
          </Input.Error>
        )}
      </div>
      <Textarea
        label="Note"
        placeholder="Optional. No client names or other identifying details."
        autosize
        minRows={2}
        maxRows={5}
        {...form.register('note')}
        error={errors.note?.message}
      />
    </FormModal>
  );
}
