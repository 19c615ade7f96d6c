import { Text } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useState, type FormEvent } from 'react';
import type { CeRecord } from '../../../../shared/domain/ce';
import { api, errorMessage } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { DisclosureFields, useDisclosure } from '../../components/DisclosureFields';
import { FormModal } from '../../components/FormModal';
import { downloadFile } from '../../lib/download';

/**
 * Whether the signed-in person is the one a CE record belongs to: their own certificate is
 * their own access, so it downloads without asking whom it is for (main agrees).
 */
export function useIsOwnCe(person: { personType: 'worker' | 'supervisor'; personId: number }) {
  const user = useCurrentUser();
  return person.personType === 'worker'
    ? user.role === 'worker' && user.workerId === person.personId
    : user.role === 'supervisor' && user.supervisorId === person.personId;
}

/** The person's own certificate, straight to a file. */
export async function downloadOwnCertificate(record: CeRecord) {
  try {
    downloadFile(await api.call('ce.certificate', { id: record.id }));
  } catch (err) {
    notify({ color: 'red', title: 'Not downloaded', message: errorMessage(err) });
  }
}

/**
 * Anyone else's certificate leaves the app like any report: main logs who it is for and why in
 * the disclosure log (which the person can read) before it hands over the file.
 */
export function CertificateDownloadModal(props: { record: CeRecord; onClose: () => void }) {
  const disclosure = useDisclosure();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      downloadFile(await api.call('ce.certificate', { id: props.record.id, ...disclosure.value }));
      props.onClose();
    } catch (err) {
      if (!disclosure.takeErrors(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      opened
      onClose={props.onClose}
      title="Download certificate"
      onSubmit={(e) => void submit(e)}
      submitLabel="Download"
      submitting={busy}
      error={error}
    >
      <Text size="sm">
        {props.record.certificateName ?? 'Certificate'} — {props.record.title}
      </Text>
      <DisclosureFields
        value={disclosure.value}
        onChange={disclosure.onChange}
        errors={disclosure.errors}
        disabled={busy}
        autoFocus
      />
    </FormModal>
  );
}
