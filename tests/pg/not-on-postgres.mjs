// The integration files the PostgreSQL pass of `npm test` leaves out, each with its reason.
// Two kinds: what only an SQLCipher file has (the file's encryption, conversion, page-level
// checks), and the server's own tests, which make their server databases in either pass.
// tests/run-all.mjs runs every other tests/integration file with HOURKEEP_TEST_DB=postgres.

/** SQLCipher-only: what they test does not exist on a server. */
export const SQLCIPHER_ONLY = {
  'conversion.test.ts': 'converts a plain SQLite file into an SQLCipher one',
  'conversion-crash.test.ts': 'kills the plain-to-SQLCipher conversion part-way',
  'erasure-trace.test.ts': "greps the database file's bytes and WAL for an erased name",
  'database.test.ts': 'opens the file with and without its key, and with the sqlite3 shell',
  'key-custody.test.ts': 'the database file is unreadable without the key slots (page encryption)',
  'slot-crash.test.ts': 'kills a re-key of the file part-way',
  'read-during-write.test.ts': "the file's read-only twin connection and WAL snapshot",
  'one-login-migration.test.ts': 'upgrades an SQLite file written by an older version',
  'backup-snapshot.test.ts': "snapshots, VACUUM INTO and SQLCipher pages of the file's backups",
  'backup-checked-rename.test.ts': "the file snapshot's integrity check before a backup's rename",
  'rotation-crash.test.ts': "kills a change of the file's key part-way (the file's pages re-keyed)",
  'thread-cancel.test.ts': 'cancels a worker thread in the middle of a query on an SQLCipher file',
};

/**
 * Run once, in the first pass: they make their own server databases (and the outage test its
 * own cluster) whichever pass they are in, so a second run would test nothing new.
 */
export const SERVER_TESTS_RUN_ONCE = {
  'postgres-schema.test.ts': 'migrates its own database on the server in either pass',
  'postgres-move.test.ts': 'moves a file practice into its own server database in either pass',
  'postgres-outage.test.ts': 'starts and stops a cluster of its own in either pass',
  'postgres-workstations.test.ts': 'puts its workstations on the server in either pass',
  'postgres-backups.test.ts': 'puts its practices on the server in either pass',
};

export const NOT_ON_POSTGRES = {
  ...SQLCIPHER_ONLY,
  ...SERVER_TESTS_RUN_ONCE,
};
