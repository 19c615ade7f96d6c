import { Button, Group, Select } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/queries';

/** The owner's picker for a worker's requirement pack (built-in or the practice's own). */
export function AssignPack(props: {
  workerId: number;
  workerName: string;
  current: string | null;
  onDone?: () => void;
}) {
  const packs = useApiQuery('packs.list', {});
  const setPack = useApiMutation('workers.setPack');
  const [choice, setChoice] = useState<string | null>(props.current);
  const [error, setError] = useState<string | null>(null);
  const options = [
    { group: 'Built-in', items: (packs.data ?? []).filter((p) => p.builtIn) },
    { group: "This practice's packs", items: (packs.data ?? []).filter((p) => !p.builtIn) },
  ]
    .filter((g) => g.items.length > 0)
    .map((g) => ({ group: g.group, items: g.items.map((p) => ({ value: p.id, label: p.name })) }));

  const save = async () => {
    setError(null);
    try {
      await setPack.mutateAsync({ workerId: props.workerId, packId: choice });
      notify({
        message: choice ? `Pack assigned to ${props.workerName}` : 'Pack removed',
        color: 'teal',
      });
      props.onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <Select
        label="Requirement pack"
        placeholder="Choose a pack"
        data={options}
        value={choice}
        onChange={setChoice}
        clearable
        searchable
        w={340}
        error={error}
        disabled={packs.isLoading}
      />
      <Button
        onClick={() => void save()}
        loading={setPack.isPending}
        disabled={choice === props.current}
      >
        {props.current ? 'Change pack' : 'Assign pack'}
      </Button>
    </Group>
  );
}
