import { z } from 'zod';
import type { DatabasePlace, MoveReport, ServerCheck } from '../../domain/database.js';
import { DB_TABLES } from '../tables.js';
import { ANY_ROLE, OWNER, PUBLIC, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Host, port, database, user, password and CA file, each checked with its own words. */
export const serverForm = () =>
  z
    .object({
      host: f.requiredText(255),
      port: z
        .number({ error: 'Required' })
        .int({ error: 'A whole number' })
        .min(1, { error: 'From 1 to 65535' })
        .max(65535, { error: 'From 1 to 65535' }),
      database: f.pattern(63, /^[A-Za-z_][A-Za-z0-9_$-]*$/, 'Letters, digits, _ and - only'),
      user: f.pattern(63, /^[A-Za-z_][A-Za-z0-9_$.-]*$/, 'Letters, digits, _, . and - only'),
      password: f.secret(200),
      caFile: f.optionalText(1000),
    })
    .strict();

/** Admin → Database: where the practice is kept, and the move to a PostgreSQL server. */
export const databaseContract = {
  'database.place': {
    reads: ['settings'],
    input: f.empty(),
    roles: OWNER,
    result: result<DatabasePlace>(),
  },
  'database.test': {
    changes: [],
    input: serverForm(),
    roles: OWNER,
    result: result<ServerCheck>(),
  },
  'database.move': {
    changes: [...DB_TABLES, 'settings'],
    input: serverForm(),
    roles: OWNER,
    result: result<MoveReport>(),
  },
  /** First run on another workstation: join the practice on its server with the recovery code. */
  'database.join': {
    changes: ['settings'],
    input: z.object({ server: serverForm(), recoveryCode: f.requiredText(80) }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<null>(),
  },
  /** The server password again, when this workstation's keychain lost it (asked at sign-in). */
  'database.serverPassword': {
    changes: [],
    input: z.object({ serverPassword: f.secret(200) }).strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<null>(),
  },
} as const satisfies Record<string, ContractEntry>;
