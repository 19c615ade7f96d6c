import { Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { CeRecord } from '../../../../shared/domain/ce';
import { api, errorMessage } from '../../api/client';
import { DisclosureFields, useDisclosure } from '../../components/DisclosureFields';
import { FormModal } from '../../components/FormModal';
import { downloadFile } from '../../lib/download';

/**
 * A certificate leaves the app like any report: main logs who it is for and why in the
 * disclosure log (which the person can read) before it hands over the file.
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
