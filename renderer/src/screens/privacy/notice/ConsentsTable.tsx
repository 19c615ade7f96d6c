import { Badge, Button, Modal, Stack, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { PersonConsents } from '../../../../../shared/domain/privacy/notice';
import type { CONSENT_PURPOSES, PersonKey } from '../../../../../shared/domain/privacy/people';
import { useApiQuery } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { QueryState } from '../../../components/QueryState';
import { ConsentHistory, ConsentPurposes } from './ConsentList';

const SHORT: Record<keyof typeof CONSENT_PURPOSES, string> = {
  statistics: 'Statistics',
  surveys: 'Surveys',
  email_contact: 'Email contact',
};

const col = createColumnHelper<PersonConsents>();

/** Everyone's consents, and recording one on someone's behalf (for example a paper form). */
export function ConsentsTable(props: { people: PersonConsents[] }) {
  const [open, setOpen] = useState<(PersonKey & { name: string }) | null>(null);
  const columns = useMemo(
    () => [
      col.accessor('name', { header: 'Person' }),
      col.accessor('personType', {
        header: 'Role',
        cell: (c) => (c.getValue() === 'worker' ? 'Worker' : 'Supervisor'),
      }),
      ...(Object.keys(SHORT) as (keyof typeof SHORT)[]).map((purpose) =>
        col.display({
          id: purpose,
          header: SHORT[purpose],
          cell: (c) => {
            const state = c.row.original.purposes.find((p) => p.purpose === purpose);
            return (
              <Badge color={state?.granted ? 'teal' : 'gray'} variant="light">
                {state?.granted ? 'Granted' : state?.at ? 'Withdrawn' : 'Not granted'}
              </Badge>
            );
          },
        }),
      ),
      col.display({
        id: 'record',
        header: '',
        meta: { align: 'right' },
        cell: (c) => (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() =>
              setOpen({
                personType: c.row.original.personType,
                personId: c.row.original.personId,
                name: c.row.original.name,
              })
            }
            aria-label={`Consents of ${c.row.original.name}`}
          >
            Record…
          </Button>
        ),
      }),
    ],
    [],
  );
  return (
    <>
      <DataTable
        data={props.people}
        columns={columns}
        label="Consents"
        getRowId={(p) => `${p.personType}-${p.personId}`}
      />
      {open && <OnBehalfModal person={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function OnBehalfModal(props: { person: PersonKey & { name: string }; onClose: () => void }) {
  const { name, ...person } = props.person;
  const consents = useApiQuery('privacy.consents.person', person);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={`Consents of ${name}`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <QueryState query={consents}>
        {(c) => (
          <Stack gap="md">
            <ConsentPurposes consents={c} person={person} onBehalf />
            <Title order={3} fz="sm">
              History
            </Title>
            <ConsentHistory consents={c} />
          </Stack>
        )}
      </QueryState>
    </Modal>
  );
}
