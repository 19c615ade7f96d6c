import { SimpleGrid } from '@mantine/core';
import type { Worker } from '../../lib/domain';
import { DateField, TextField } from '../../components/fields';
import { PersonFields } from '../../components/PersonFields';
import { RecordFormModal } from '../../components/RecordFormModal';
import { LoginSection } from '../users/LoginSection';

interface WorkerForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  registrationNumber: string;
  registrationExpires: string;
  startDate: string;
  endDate: string;
  degree: string;
  school: string;
  graduationDate: string;
  active: boolean;
}

const BLANK: WorkerForm = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  title: '',
  registrationNumber: '',
  registrationExpires: '',
  startDate: '',
  endDate: '',
  degree: '',
  school: '',
  graduationDate: '',
  active: true,
};

export function WorkerFormModal(props: { worker?: Worker; onClose: () => void }) {
  const { worker: w } = props;
  return (
    <RecordFormModal<WorkerForm, 'workers'>
      api="workers"
      noun="worker"
      record={w}
      blank={BLANK}
      toInput={({ active: _active, ...fields }) => fields}
      name={(v) => `${v.firstName.trim()} ${v.lastName.trim()}`}
      activeHelp="Inactive workers keep their hours but leave the Hours screen's list."
      onClose={props.onClose}
      after={(openDialog) => w && <LoginSection kind="worker" person={w} openDialog={openDialog} />}
    >
      {(form) => (
        <SimpleGrid cols={2}>
          <PersonFields form={form} />
          <TextField form={form} name="title" label="Title" placeholder="Associate MFT" />
          <DateField form={form} name="startDate" label="Start date" withAsterisk />
          <TextField
            form={form}
            name="registrationNumber"
            label="Registration number"
            placeholder="AMFT 123456"
          />
          <DateField form={form} name="registrationExpires" label="Registration expires" />
          {w && (
            <DateField
              form={form}
              name="endDate"
              label="End date"
              description="Last day at the practice, once they have left"
            />
          )}
          {/* Education: the boards' experience verification forms ask for it. */}
          <TextField
            form={form}
            name="degree"
            label="Degree"
            placeholder="MA Counseling Psychology"
          />
          <TextField
            form={form}
            name="school"
            label="School"
            placeholder="Pacific State University"
          />
          <DateField form={form} name="graduationDate" label="Graduation date" />
        </SimpleGrid>
      )}
    </RecordFormModal>
  );
}
