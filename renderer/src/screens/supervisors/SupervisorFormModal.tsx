import { SimpleGrid } from '@mantine/core';
import { LICENSE_TYPES, type LicenseType, type Supervisor } from '../../lib/domain';
import { DateField, SelectField, TextField } from '../../components/fields';
import { PersonFields } from '../../components/PersonFields';
import { RecordFormModal } from '../../components/RecordFormModal';
import { LoginSection } from '../users/LoginSection';
import { SigningKeys } from './SigningKeys';

interface SupervisorForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  licenseType: LicenseType | null;
  licenseNumber: string;
  licenseState: string;
  licenseExpires: string;
  active: boolean;
}

const BLANK: SupervisorForm = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  licenseType: null,
  licenseNumber: '',
  licenseState: '',
  licenseExpires: '',
  active: true,
};

const LICENSE_OPTIONS = LICENSE_TYPES.map((t) => ({ value: t, label: t }));

export function SupervisorFormModal(props: { supervisor?: Supervisor; onClose: () => void }) {
  const { supervisor: s } = props;
  return (
    <RecordFormModal<SupervisorForm, 'supervisors'>
      api="supervisors"
      noun="supervisor"
      record={s}
      blank={BLANK}
      // An unset license type goes as-is so main answers "Choose a license type" next to the field.
      toInput={({ active: _active, ...fields }) => ({
        ...fields,
        licenseType: fields.licenseType as LicenseType,
      })}
      name={(v) => `${v.firstName.trim()} ${v.lastName.trim()}`}
      activeHelp="Inactive supervisors keep their past entries but can't be assigned or picked."
      onClose={props.onClose}
      after={(openDialog) =>
        s && (
          <>
            <LoginSection kind="supervisor" person={s} openDialog={openDialog} />
            <SigningKeys supervisorId={s.id} />
          </>
        )
      }
    >
      {(form) => (
        <>
          <SimpleGrid cols={2}>
            <PersonFields form={form} />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <SelectField
              form={form}
              name="licenseType"
              label="License type"
              placeholder="Choose…"
              withAsterisk
              data={LICENSE_OPTIONS}
              allowDeselect={false}
            />
            <TextField
              form={form}
              name="licenseNumber"
              label="License number"
              placeholder="LMFT 12345"
              withAsterisk
            />
            <TextField
              form={form}
              name="licenseState"
              label="License state"
              placeholder="CA"
              description="Two-letter code"
              withAsterisk
              maxLength={2}
              autoCapitalize="characters"
            />
            <DateField
              form={form}
              name="licenseExpires"
              label="License expires"
              description="From the license record"
              withAsterisk
            />
          </SimpleGrid>
        </>
      )}
    </RecordFormModal>
  );
}
