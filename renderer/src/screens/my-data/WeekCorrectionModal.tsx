import { SimpleGrid, Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useForm, useWatch } from 'react-hook-form';
import { useApiMutation, useApiQuery, useSites } from '../../api/queries';
import {
  DateField,
  MinutesField,
  SegmentedField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/fields';
import { FormModal } from '../../components/FormModal';
import { CATEGORY_LABELS, CATEGORY_OPTIONS, type HourCategory } from '../../lib/categories';
import { formatDayShort, formatWeekRange, todayIso } from '../../lib/dates';
import { blankToNull, useApiForm } from '../../lib/forms';
import { ReceivedFields } from '../privacy/requests/ReceivedFields';

interface WeekForm {
  entryId: string | null;
  action: 'change' | 'remove';
  date: string;
  minutes: number | string;
  category: HourCategory | null;
  siteId: string | null;
  entryNote: string;
  note: string;
  receivedOn: string;
  identityMethod: string;
}

const FORM_FIELDS = [
  'entryId',
  'date',
  'minutes',
  'category',
  'siteId',
  'entryNote',
  'note',
  'receivedOn',
  'identityMethod',
] as const;
const MAP = {
  'week.entryId': 'entryId',
  'week.weekStart': 'entryId',
  'week.proposed': 'entryId',
  'week.proposed.date': 'date',
  'week.proposed.minutes': 'minutes',
  'week.proposed.category': 'category',
  'week.proposed.siteId': 'siteId',
  'week.proposed.note': 'entryNote',
} as const;

/**
 * Asks for a correction of a submitted or approved week. Only what differs from the entry is
 * sent; the supervisor (or the owner) accepts it through an amendment, signed again.
 * `onBehalf`: the owner registers a request the worker made by email, post or in person, with
 * the date it came and how the worker's identity was checked.
 */
export function WeekCorrectionModal(props: {
  workerId: number;
  weekStart: string;
  onBehalf?: { workerName: string };
  onClose: () => void;
}) {
  const file = useApiMutation('privacy.requests.file');
  const register = useApiMutation('privacy.requests.register');
  const week = useApiQuery('hours.week', { workerId: props.workerId, weekStart: props.weekStart });
  const sites = useSites();
  const entries = week.data?.entries ?? [];
  const form = useForm<WeekForm>({
    defaultValues: {
      entryId: null,
      action: 'change',
      date: '',
      minutes: '',
      category: null,
      siteId: null,
      entryNote: '',
      note: '',
      receivedOn: todayIso(),
      identityMethod: '',
    },
  });
  const entryId = useWatch({ control: form.control, name: 'entryId' });
  const action = useWatch({ control: form.control, name: 'action' });
  const entry = entries.find((e) => String(e.id) === entryId) ?? null;

  const pick = (id: string | null) => {
    const e = entries.find((x) => String(x.id) === id);
    form.setValue('entryId', id);
    form.setValue('date', e?.date ?? '');
    form.setValue('minutes', e?.minutes ?? '');
    form.setValue('category', e?.category ?? null);
    form.setValue('siteId', e ? String(e.siteId) : null);
    form.setValue('entryNote', e?.note ?? '');
  };

  const { onSubmit, formError } = useApiForm(
    form,
    FORM_FIELDS,
    async (v) => {
      const isNew = v.entryId === 'new';
      const proposed = {
        date: v.date || undefined,
        minutes: v.minutes === '' ? undefined : Number(v.minutes),
        category: v.category ?? undefined,
        siteId: v.siteId ? Number(v.siteId) : undefined,
        note: blankToNull(v.entryNote),
      };
      const request = {
        kind: 'correction' as const,
        week: {
          weekStart: props.weekStart,
          entryId: isNew || !v.entryId ? null : Number(v.entryId),
          removeEntry: !isNew && v.action === 'remove',
          proposed,
        },
        note: blankToNull(v.note),
      };
      if (props.onBehalf) {
        await register.mutateAsync({
          ...request,
          personType: 'worker',
          personId: props.workerId,
          receivedOn: v.receivedOn,
          identityMethod: v.identityMethod,
        });
      } else {
        await file.mutateAsync(request);
      }
      notify({
        message: props.onBehalf ? 'Request registered' : 'Correction request sent',
        color: 'teal',
      });
      props.onClose();
    },
    MAP,
  );
  const showFields = entryId !== null && !(entryId !== 'new' && action === 'remove');
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={
        props.onBehalf
          ? `Register a correction request from ${props.onBehalf.workerName}`
          : 'Ask for a correction of a week'
      }
      onSubmit={onSubmit}
      submitLabel={props.onBehalf ? 'Register' : 'Send request'}
      submitting={file.isPending || register.isPending}
      error={formError}
    >
      <Text size="sm" c="dimmed">
        {props.onBehalf
          ? `For a request received by email, post or in person. The week of ${formatWeekRange(props.weekStart)} is locked; if the request is accepted it is reopened as an amendment with the change, and the supervisor signs it again.`
          : `The week of ${formatWeekRange(props.weekStart)} is locked. If the request is accepted the week is reopened as an amendment with your change, and your supervisor signs it again.`}
      </Text>
      {props.onBehalf && (
        <SimpleGrid cols={2}>
          <ReceivedFields register={form.register} errors={form.formState.errors} />
        </SimpleGrid>
      )}
      <SelectField
        form={form}
        name="entryId"
        label="Entry"
        withAsterisk
        data-autofocus
        placeholder="Choose the entry to correct"
        data={[
          ...entries.map((e) => ({
            value: String(e.id),
            label: `${formatDayShort(e.date)} · ${e.minutes} min · ${CATEGORY_LABELS[e.category]}`,
          })),
          { value: 'new', label: 'An entry is missing' },
        ]}
        onChange={pick}
      />
      {entry && (
        <SegmentedField
          form={form}
          name="action"
          aria-label="What to do"
          data={[
            { value: 'change', label: 'Change it' },
            { value: 'remove', label: 'Remove it' },
          ]}
        />
      )}
      {showFields && (
        <>
          <SimpleGrid cols={2}>
            <DateField form={form} name="date" label="Date" />
            <MinutesField form={form} name="minutes" />
            <SelectField form={form} name="category" label="Category" data={CATEGORY_OPTIONS} />
            <SelectField
              form={form}
              name="siteId"
              label="Site"
              data={(sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            />
          </SimpleGrid>
          <TextField form={form} name="entryNote" label="Entry note" />
        </>
      )}
      <TextareaField
        form={form}
        name="note"
        label="Why (optional)"
        description="Goes with the amendment to the supervisor"
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
