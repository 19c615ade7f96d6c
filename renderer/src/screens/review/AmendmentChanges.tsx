import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import {
  diffSignedEntries,
  type SignedEntry,
  type WeekSignature,
} from '../../../../shared/domain/weekly-logs';
import { CATEGORY_LABELS } from '../../lib/categories';
import { formatMinutes } from '../../lib/domain';
import { formatDayShort } from '../../lib/dates';
import { SectionCard } from '../../components/SectionCard';

function Line({ entry, kind }: { entry: SignedEntry; kind: 'removed' | 'added' }) {
  const removed = kind === 'removed';
  return (
    <Group gap="xs" wrap="nowrap" role="listitem" aria-label={removed ? 'Removed' : 'Added'}>
      <ThemeIcon size="sm" radius="xl" variant="light" color={removed ? 'red' : 'teal'} aria-hidden>
        {removed ? <IconMinus size={12} /> : <IconPlus size={12} />}
      </ThemeIcon>
      <Text size="sm" td={removed ? 'line-through' : undefined} c={removed ? 'gray.6' : undefined}>
        {formatDayShort(entry.date)} · {CATEGORY_LABELS[entry.category]} ·{' '}
        <span className="tabular">{formatMinutes(entry.minutes)}</span>
        {entry.note ? ` · ${entry.note}` : ''}
      </Text>
    </Group>
  );
}

/** For an amendment: what changed against the last signed version, so the supervisor sees it. */
export function AmendmentChanges(props: { signature: WeekSignature; current: SignedEntry[] }) {
  const { removed, added } = diffSignedEntries(props.signature.entries, props.current);
  return (
    <SectionCard p="md" aria-labelledby="changes-title">
      <Title order={2} fz="md" fw={650} id="changes-title" mb="xs">
        Changes since version {props.signature.version}
      </Title>
      {removed.length + added.length === 0 ? (
        <Text size="sm" c="dimmed">
          The entries are the same as in the signed version.
        </Text>
      ) : (
        <Stack gap={6} role="list" aria-label="Changes">
          {removed.map((e, i) => (
            <Line key={`r${i}`} entry={e} kind="removed" />
          ))}
          {added.map((e, i) => (
            <Line key={`a${i}`} entry={e} kind="added" />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
