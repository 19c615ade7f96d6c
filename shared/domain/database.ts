/**
 * Admin → Database (issue 21): where the practice's database is, what "Test connection" found,
 * and what a move to the server copied. main/services/database-move produces them.
 */

/** What the owner types to reach the practice's PostgreSQL server. */
export interface ServerForm {
  /** A host name or address (over TLS), or the folder of a Unix socket on this machine. */
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** The practice CA's certificate (PEM file); required unless `host` is a socket folder. */
  caFile: string | null;
}

export type DatabasePlace =
  | { kind: 'file'; file: string }
  | {
      kind: 'postgres';
      host: string;
      port: number;
      database: string;
      user: string;
      caFile: string | null;
    };

export interface ServerCheck {
  serverVersion: string;
  tls: boolean;
  socket: boolean;
  /** No tables yet: a practice can be moved there. */
  empty: boolean;
  /** It holds a practice already (another workstation moved it there). */
  holdsPractice: boolean;
}

export interface MoveReport {
  tables: { table: string; rows: number; checksum: string }[];
  /** Where the workstation's file now waits, kept as it was (encrypted) in case of need. */
  keptFile: string;
  seconds: number;
}
