import { Group } from '@mantine/core';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import type { ServerForm as ServerInput } from '../../../shared/domain/database';
import { blankToNull } from '../lib/forms';
import { NumberField, PasswordField, TextField } from './fields';

/** A PostgreSQL server's details as typed (Admin → Database, and joining a practice there). */
export interface ServerValues {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  caFile: string;
}

export const SERVER_FIELDS = ['host', 'port', 'database', 'user', 'password', 'caFile'] as const;

export const SERVER_DEFAULTS: ServerValues = {
  host: '',
  port: 5432,
  database: '',
  user: '',
  password: '',
  caFile: '',
};

/** What the API takes from the fields; main trims and checks every one itself. */
export const toServerInput = (v: ServerValues): ServerInput => ({
  host: v.host,
  port: v.port,
  database: v.database,
  user: v.user,
  password: v.password,
  caFile: blankToNull(v.caFile),
});

/**
 * Host, port, database, user, password and the practice CA certificate, with the same labels
 * and help wherever a server is named. `form` holds at least these six fields under these names.
 */
export function ServerFields<T extends FieldValues & ServerValues>(props: {
  form: UseFormReturn<T>;
  /** Where the password is kept once the server is in use. */
  passwordDescription: string;
}) {
  const { form } = props;
  const name = (field: keyof ServerValues) => field as Path<T>;
  return (
    <>
      <TextField
        form={form}
        name={name('host')}
        label="Host"
        description="A name or address; or the folder of a Unix socket on this computer."
        spellCheck={false}
        autoComplete="off"
      />
      <Group align="flex-start" gap="sm" wrap="nowrap" mt="md">
        <NumberField
          form={form}
          name={name('port')}
          label="Port"
          w={96}
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          thousandSeparator={false}
          parse={(v) => (typeof v === 'number' ? v : Number(v)) as PathValue<T, Path<T>>}
        />
        <TextField
          form={form}
          name={name('database')}
          label="Database"
          spellCheck={false}
          autoComplete="off"
          style={{ flex: 1, minWidth: 0 }}
        />
        <TextField
          form={form}
          name={name('user')}
          label="User"
          spellCheck={false}
          autoComplete="off"
          style={{ flex: 1, minWidth: 0 }}
        />
      </Group>
      <PasswordField
        form={form}
        name={name('password')}
        label="Password"
        description={props.passwordDescription}
        autoComplete="new-password"
        mt="md"
      />
      <TextField
        form={form}
        name={name('caFile')}
        label="Practice CA certificate (full path of the file)"
        description="Required over the network: Hourkeep connects only with TLS and checks the server's certificate and name against it (verify-full). Not needed for a socket."
        placeholder="/etc/hourkeep/practice-ca.crt"
        spellCheck={false}
        autoComplete="off"
        mt="md"
      />
    </>
  );
}
