import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECT_TIMEOUT_MS, isSocket, type ServerAccess } from '../db/postgres.js';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql), which a practice on a server
 * backs up and restores through (issue 21): they come with the server's client package
 * (Debian's postgresql-client, the EDB installer on Windows, Homebrew's libpq on macOS).
 */
export type PgProgram = 'pg_dump' | 'pg_restore' | 'psql';

/** Why a program could not run or failed; `message` is written for the owner. */
export class PgToolError extends Error {
  constructor(
    readonly reason: 'missing' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PgToolError';
  }
}

const exe = (program: PgProgram) => (process.platform === 'win32' ? `${program}.exe` : program);

/** Folders the client programs are installed in besides PATH, newest version first. */
function installFolders(): string[] {
  const versioned = (root: string, bin: (v: string) => string) => {
    try {
      return readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(root, bin(v)));
    } catch {
      return [];
    }
  };
  return [
    ...versioned('/usr/lib/postgresql', (v) => join(v, 'bin')),
    ...versioned('C:\\Program Files\\PostgreSQL', (v) => join(v, 'bin')),
    '/opt/homebrew/opt/libpq/bin',
    '/usr/local/opt/libpq/bin',
    '/Applications/Postgres.app/Contents/Versions/latest/bin',
  ];
}

/**
 * Where `program` is: HOURKEEP_PG_BIN (a folder) when set, then PATH, then the usual install
 * folders. Null when none has it.
 */
export function findPgProgram(program: PgProgram): string | null {
  const chosen = process.env.HOURKEEP_PG_BIN;
  const path = (process.env.PATH ?? '').split(process.platform === 'win32' ? ';' : ':');
  const folders = [...(chosen ? [chosen] : []), ...path.filter(Boolean), ...installFolders()];
  for (const folder of folders) {
    const candidate = join(folder, exe(program));
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * libpq's environment for `access`: the same server, database, role and TLS rules as the app's
 * own connection (verify-full against the practice's CA, or the local socket). The password goes
 * in the child's environment, which only this OS user can read, never on a command line.
 */
export function pgEnvironment(access: ServerAccess): NodeJS.ProcessEnv {
  const { location, password } = access;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: location.host,
    PGPORT: String(location.port),
    PGDATABASE: location.database,
    PGUSER: location.user,
    PGPASSWORD: password,
    PGAPPNAME: 'Hourkeep',
    PGCONNECT_TIMEOUT: String(Math.ceil(CONNECT_TIMEOUT_MS / 1000)),
    // Messages in one language, so what is shown to the owner reads the same everywhere.
    LC_MESSAGES: 'C',
  };
  delete env.PGSERVICE;
  delete env.PGPASSFILE;
  if (isSocket(location)) {
    env.PGSSLMODE = 'disable';
  } else {
    env.PGSSLMODE = 'verify-full';
    env.PGSSLROOTCERT = location.caFile ?? '';
  }
  return env;
}

/** A running program: its streams, and `done`, which settles when it exits (rejects unless 0). */
export interface PgRun {
  child: ChildProcess;
  done: Promise<void>;
  /** Ends it (the server rolls back whatever it had not committed). */
  kill(): void;
}

/** Starts `program` with `args` against `access`'s server. */
export function runPgProgram(program: PgProgram, args: string[], access: ServerAccess): PgRun {
  const path = findPgProgram(program);
  if (!path) {
    throw new PgToolError(
      'missing',
      `${program} was not found on this workstation. Install PostgreSQL's client programs (the same major version as the server, or newer), or set HOURKEEP_PG_BIN to the folder that holds them.`,
    );
  }
  const child = spawn(path, args, {
    env: pgEnvironment(access),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    // The first lines say why; a runaway stream of warnings is not kept whole.
    if (stderr.length < 8000) stderr += chunk;
  });
  // A consumer that stops reading early (a failure elsewhere) must not crash the process.
  child.stdin?.on('error', () => undefined);
  const done = new Promise<void>((ok, fail) => {
    child.on('error', (err) =>
      fail(new PgToolError('failed', `${program} could not be started (${err.message}).`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) ok();
      else
        fail(
          new PgToolError(
            'failed',
            `${program} failed${signal ? ` (${signal})` : ` (exit ${code})`}: ${firstLines(stderr) || 'no message'}`,
          ),
        );
    });
  });
  done.catch(() => undefined); // awaited by the caller; a rejection is never unhandled
  return {
    child,
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * The lines of a program's message that name the problem: from its first error on (notices
 * before it are noise), without psql's "psql:<stdin>:29:" place in a script nobody sees.
 */
function firstLines(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^psql:<stdin>:\d+:\s*/, '').trim())
    .filter((l) => l && !l.startsWith('CONTEXT:'));
  const error = lines.findIndex((l) => /\b(ERROR|FATAL|PANIC|error):/.test(l));
  return lines.slice(Math.max(0, error), Math.max(0, error) + 3).join(' ');
}
