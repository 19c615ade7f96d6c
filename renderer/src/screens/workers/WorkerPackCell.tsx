import { Anchor, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PackSummary, Worker } from '../../lib/domain';
import { fullName } from '../../lib/people';
import { AssignPack } from '../dashboard/AssignPack';

/** The worker's requirement pack, and for the owner a dialog to assign or change it. */
export function WorkerPackCell(props: {
  worker: Worker;
  packs: PackSummary[] | undefined;
  owner: boolean;
}) {
  const [open, setOpen] = useState(false);
  const pack = props.packs?.find((p) => p.workerIds.includes(props.worker.id)) ?? null;
  const name = fullName(props.worker);
  return (
    <>
      <Stack gap={0}>
        <Text size="sm" c={pack ? undefined : 'dimmed'} truncate maw={220}>
          {pack ? pack.name : 'No pack'}
        </Text>
        {props.owner && (
          <Anchor
            component="button"
            size="xs"
            ta="left"
            onClick={() => setOpen(true)}
            aria-label={`${pack ? 'Change' : 'Assign'} requirement pack for ${name}`}
          >
            {pack ? 'Change' : 'Assign'}
          </Anchor>
        )}
      </Stack>
      {open && (
        <Modal
          opened
          onClose={() => setOpen(false)}
          title={`Requirement pack for ${name}`}
          size="lg"
          closeButtonProps={{ 'aria-label': 'Close dialog' }}
          styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
        >
          <Stack gap="sm" pb="sm">
            <Text size="sm" c="dimmed">
              Progress on the dashboard is measured against this pack&apos;s rules.
            </Text>
            <AssignPack
              workerId={props.worker.id}
              workerName={name}
              current={pack?.id ?? null}
              onDone={() => setOpen(false)}
            />
          </Stack>
        </Modal>
      )}
    </>
  );
}
