import { AppError, validationError } from '../../../shared/errors.js';
import type { ServerForm, ServerCheck } from '../../../shared/domain/database.js';
import type { Db } from '../../db/connection.js';
import { rawRows, tableNames } from '../../db/dialect/index.js';
import { isSocket, openPostgresChecked, type PgLocation } from '../../db/postgres.js';

/** PostgreSQL 15 is what the migrations and triggers are written and tested for (issue 21). */
const MIN_SERVER_VERSION = 150000;

export const locationOf = (form: ServerForm): PgLocation => ({
  host: form.host,
  port: form.port,
  database: form.database,
  user: form.user,
  caFile: form.caFile,
});

/**
 * The driver's and the server's reasons, as the field the owner should look at again: pg's
 * SQLSTATEs (28P01 wrong password, 3D000 no such database, 28000 refused by pg_hba), node's
 * network codes and TLS verification codes.
 */
function fieldOf(err: unknown): AppError {
  const code = String((err as { code?: unknown }).code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  if (
    code === 'ENOENT' ||
    code === 'EACCES' ||
    /certificate.*(file|PEM)|no start line/i.test(message)
  )
    return validationError({ caFile: 'The CA certificate file cannot be read' });
  if (code === '28P01')
    return validationError({ password: 'The server refused this user name and password' });
  if (code === '28000')
    return validationError({
      user: 'The server does not let this user connect from this workstation (pg_hba.conf)',
    });
  if (code === '3D000')
    return validationError({ database: 'No database of this name on the server' });
  if (/CERT|certificate|self.signed|altname|UNABLE_TO_VERIFY/i.test(code + message))
    return validationError({
      caFile: `The server's certificate is not signed by this CA or does not name the host (${code || message})`,
    });
  if (/does not support SSL|SSL off|no pg_hba.conf entry/i.test(message))
    return validationError({
      host: 'The server does not offer TLS; Hourkeep connects over the network only with TLS',
    });
  if (['ENOTFOUND', 'EAI_AGAIN'].includes(code))
    return validationError({ host: 'No server of this name' });
  if (
    ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code) ||
    /timeout/i.test(message)
  )
    return validationError({ host: 'Nothing answers at this host and port' });
  return new AppError('conflict', `The server could not be used: ${message}`);
}

/** Connects with what the owner typed, or says which field to fix. */
export async function connectTo(form: ServerForm): Promise<Db> {
  if (!isSocket(form) && !form.caFile)
    throw validationError({
      caFile:
        'Choose the practice CA certificate: over the network Hourkeep connects only with TLS',
    });
  try {
    return await openPostgresChecked(locationOf(form), form.password);
  } catch (err) {
    throw fieldOf(err);
  }
}

/** What "Test connection" reports: the server's version, TLS, and whether the database is empty. */
export async function checkServer(db: Db, form: ServerForm): Promise<ServerCheck> {
  const [info] = await rawRows<{ version: number; label: string; tls: boolean | null }>(
    db,
    `SELECT current_setting('server_version_num')::int AS version,
            current_setting('server_version') AS label,
            (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls`,
  );
  if (!info || info.version < MIN_SERVER_VERSION)
    throw validationError({
      host: `The server runs PostgreSQL ${info?.label ?? 'of an unknown version'}; Hourkeep needs 15 or newer`,
    });
  const socket = isSocket(form);
  if (!socket && info.tls !== true)
    throw validationError({
      host: 'The connection is not encrypted; Hourkeep connects over the network only with TLS',
    });
  const tables = await tableNames(db);
  return {
    serverVersion: info.label,
    tls: info.tls === true,
    socket,
    empty: tables.length === 0,
    holdsPractice: tables.includes('practice'),
  };
}
