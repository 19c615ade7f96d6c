import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/queries';
import type { Pack } from '../../lib/domain';
import { apiFieldPath, draftProblems, looksLikePack, type Draft } from './packDraft';
import { RuleFigures } from './RuleFigures';
import { ErrorAlert } from '../../components/ErrorAlert';

type Requirement = Pack['requirements'][number];
type Source = Pack['sources'][number];

/**
 * Edits a custom pack: the figures that matter in a form (hours, counts, rules, notes, sources) and the
 * whole pack as JSON, both validated live against the pack schema. Main validates again on save.
 */
export function PackEditor(props: {
  initial: Draft;
  /** Set when editing a saved pack (its id then cannot change). */
  savedId: string | null;
  basedOn: string | null;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(props.initial);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(props.initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const create = useApiMutation('packs.create');
  const update = useApiMutation('packs.update');
  const problems = useMemo(() => draftProblems(draft), [draft]);

  const change = (next: Draft) => {
    setDraft(next);
    setJsonText(JSON.stringify(next, null, 2));
    setJsonError(null);
  };
  const editJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        setJsonError('The pack must be a JSON object ({ … }).');
        return;
      }
      setDraft(parsed as Draft);
      setJsonError(null);
    } catch (err) {
      setJsonError(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const save = async () => {
    setServerProblems([]);
    setServerMessage(null);
    try {
      const saved = props.savedId
        ? await update.mutateAsync({ id: props.savedId, pack: draft })
        : await create.mutateAsync({ pack: draft, basedOn: props.basedOn });
      notify({ message: `Saved "${saved.name}"`, color: 'teal' });
      props.onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        setServerProblems(Object.entries(err.fields).map(([k, m]) => `${apiFieldPath(k)}: ${m}`));
      }
      setServerMessage(errorMessage(err));
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      size={960}
      title={props.savedId ? 'Edit requirement pack' : 'New requirement pack'}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        <Tabs defaultValue="figures" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="figures">Figures</Tabs.Tab>
            <Tabs.Tab value="json">JSON</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="figures">
            {looksLikePack(draft) && !jsonError ? (
              <FiguresForm draft={draft} savedId={props.savedId} onChange={change} />
            ) : (
              <Alert color="yellow" variant="light" icon={<IconAlertCircle size={18} />}>
                The JSON no longer has a pack&apos;s shape; fix it on the JSON tab to edit the
                figures here.
              </Alert>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="json">
            <Textarea
              label="Pack JSON"
              description="Times are minutes (1 h = 60). Every requirement and rule cites source ids from the sources list."
              value={jsonText}
              onChange={(e) => editJson(e.currentTarget.value)}
              autosize
              minRows={16}
              maxRows={24}
              spellCheck={false}
              styles={{
                input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 },
              }}
              error={jsonError}
            />
          </Tabs.Panel>
        </Tabs>
        <Problems problems={jsonError ? [] : problems} server={serverProblems} />
        {serverMessage && serverProblems.length === 0 && (
          <ErrorAlert title="Not saved">{serverMessage}</ErrorAlert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void save()}
            loading={create.isPending || update.isPending}
            disabled={jsonError !== null}
          >
            Save pack
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Problems({ problems, server }: { problems: string[]; server: string[] }) {
  const all = server.length ? server : problems;
  if (all.length === 0) {
    return (
      <Group gap={6} c="teal.9">
        <IconCircleCheck size={16} />
        <Text size="sm">The pack passes every check.</Text>
      </Group>
    );
  }
  return (
    <Alert
      color={server.length ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={
        server.length
          ? `Not saved: ${server.length} problem${server.length === 1 ? '' : 's'}`
          : `${all.length} problem${all.length === 1 ? '' : 's'} to fix before saving`
      }
      role={server.length ? 'alert' : undefined}
    >
      <ScrollArea.Autosize mah={160}>
        <List size="sm" spacing={2} aria-label="Pack problems">
          {all.map((p) => (
            <List.Item key={p}>
              <Text size="sm" ff="monospace" span>
                {p.split(': ')[0]}
              </Text>
              : {p.split(': ').slice(1).join(': ')}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </Alert>
  );
}

function FiguresForm(props: {
  draft: Draft & Pack;
  savedId: string | null;
  onChange: (d: Draft) => void;
}) {
  const { draft } = props;
  const set = (patch: Partial<Pack>) => props.onChange({ ...draft, ...patch });
  const setRequirement = (i: number, patch: Partial<Requirement>) =>
    set({ requirements: draft.requirements.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setSource = (i: number, patch: Partial<Source>) =>
    set({ sources: draft.sources.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          label="Pack id"
          description={props.savedId ? 'Fixed once saved' : 'Lower-case, digits and dashes'}
          value={draft.id}
          disabled={props.savedId !== null}
          onChange={(e) => set({ id: e.currentTarget.value })}
        />
        <TextInput
          label="Name"
          value={draft.name}
          description="Shown in pack pickers"
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <TextInput
          label="Version date"
          description="When the figures were last checked"
          type="date"
          value={draft.versionDate}
          onChange={(e) => set({ versionDate: e.currentTarget.value })}
        />
      </SimpleGrid>

      <section aria-labelledby="figures-title">
        <Title order={3} fz="sm" fw={650} id="figures-title" mb="xs">
          Requirements
        </Title>
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" fz="sm" aria-labelledby="figures-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Requirement</Table.Th>
                <Table.Th w={110}>Kind</Table.Th>
                <Table.Th w={190}>Figure</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.requirements.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Requirement ${i + 1} label`}
                      value={r.label}
                      onChange={(e) => setRequirement(i, { label: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.kind === 'min' ? 'brand' : 'gray'} radius="sm">
                      {r.kind === 'min' ? 'Minimum' : 'Maximum'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <FigureInput r={r} onChange={(patch) => setRequirement(i, patch)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </section>

      {typeof draft.rules === 'object' && draft.rules !== null && (
        <RuleFigures rules={draft.rules} onChange={(rules) => set({ rules })} />
      )}

      <NotesField notes={draft.notes} onChange={(notes) => set({ notes })} />

      <section aria-labelledby="sources-title">
        <Title order={3} fz="sm" fw={650} id="sources-title" mb="xs">
          Sources
        </Title>
        <Stack gap="sm">
          {draft.sources.map((s, i) => (
            <Paper key={i} withBorder radius="md" p="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label="Title"
                  size="xs"
                  value={s.title}
                  onChange={(e) => setSource(i, { title: e.currentTarget.value })}
                />
                <TextInput
                  label="Address (URL)"
                  size="xs"
                  value={s.url}
                  onChange={(e) => setSource(i, { url: e.currentTarget.value })}
                />
                <TextInput
                  label="Section"
                  size="xs"
                  value={s.section ?? ''}
                  onChange={(e) => {
                    const section = e.currentTarget.value;
                    // The schema takes no empty section: leave the key out instead.
                    const { section: _old, ...rest } = s;
                    void _old;
                    const next: Source = section === '' ? rest : { ...rest, section };
                    set({ sources: draft.sources.map((x, j) => (j === i ? next : x)) });
                  }}
                />
                <TextInput
                  label="Accessed"
                  type="date"
                  size="xs"
                  value={s.accessed}
                  onChange={(e) => setSource(i, { accessed: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={4}>
                Cited as <code>{s.id}</code>
              </Text>
            </Paper>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}

/** Minute figures in hours; weeks, months and percentages as whole numbers. */
function FigureInput({
  r,
  onChange,
}: {
  r: Requirement;
  onChange: (patch: Partial<Requirement>) => void;
}) {
  if (r.minutes !== undefined) {
    return (
      <NumberInput
        aria-label={`${r.label} (hours)`}
        value={r.minutes / 60}
        decimalScale={2}
        min={0}
        thousandSeparator=","
        suffix=" h"
        onChange={(v) => onChange({ minutes: Math.round(Number(v || 0) * 60) })}
      />
    );
  }
  if (r.count !== undefined) {
    return (
      <NumberInput
        aria-label={`${r.label} (${r.measure ?? 'count'})`}
        value={r.count}
        allowDecimal={false}
        min={0}
        suffix={r.measure === 'months' ? ' months' : ' weeks'}
        onChange={(v) => onChange({ count: Number(v || 0) })}
      />
    );
  }
  if (r.percentOfSupervision !== undefined) {
    return (
      <NumberInput
        aria-label={`${r.label} (% of supervision)`}
        value={r.percentOfSupervision}
        allowDecimal={false}
        min={0}
        max={100}
        suffix=" % of supervision"
        onChange={(v) => onChange({ percentOfSupervision: Number(v || 0) })}
      />
    );
  }
  return <Text size="sm">—</Text>;
}

/** One note per line; blank lines are kept while typing and dropped from the pack. */
function NotesField(props: { notes: string[]; onChange: (notes: string[]) => void }) {
  const [text, setText] = useState(() => props.notes.join('\n'));
  return (
    <Textarea
      label="Notes"
      description="One note per line."
      autosize
      minRows={3}
      maxRows={8}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        props.onChange(e.currentTarget.value.split('\n').filter((line) => line.trim() !== ''));
      }}
    />
  );
}
