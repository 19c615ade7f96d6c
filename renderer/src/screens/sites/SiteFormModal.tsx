import { SimpleGrid } from '@mantine/core';
import type { Site } from '../../lib/domain';
import { TextField } from '../../components/fields';
import { RecordFormModal } from '../../components/RecordFormModal';

interface SiteForm {
  name: string;
  address: string;
  phone: string;
  active: boolean;
}

/** Add a site (no `site`) or edit one. */
export function SiteFormModal(props: { site?: Site; onClose: () => void }) {
  const { site } = props;
  return (
    <RecordFormModal<SiteForm, 'sites'>
      api="sites"
      noun="site"
      record={site}
      blank={{ name: '', address: '', phone: '', active: true }}
      toInput={(v) => ({ name: v.name, address: v.address, phone: v.phone })}
      name={(v) => v.name.trim()}
      activeHelp="Inactive sites stay in past entries but can't be picked for new ones."
      onClose={props.onClose}
      size="md"
    >
      {(form) => (
        <>
          <TextField
            form={form}
            name="name"
            label="Site name"
            placeholder="Downtown Clinic"
            withAsterisk
            data-autofocus
          />
          <TextField form={form} name="address" label="Address" placeholder="Street, city" />
          <SimpleGrid cols={2}>
            <TextField form={form} name="phone" label="Phone" type="tel" />
          </SimpleGrid>
        </>
      )}
    </RecordFormModal>
  );
}
