import type { Knex } from 'knex';
import type { Core } from '../../main/core.js';
import { isPostgres, rawRows } from '../../main/db/dialect/index.js';
import { adminDb } from './pg-test-server.js';

/**
 * Runs `tamper` with audit_log as an attacker who holds the database itself sees it: the
 * append-only guard lifted, so rows can be edited and deleted. The tests then check that the
 * chain names what was done.
 *
 * - SQLite: whoever has the open file drops the append-only triggers (they stay dropped).
 * - PostgreSQL: the app's role cannot lift the guard (it lacks UPDATE and DELETE on audit_log
 *   by GRANT, migrations/20261211000000_postgres_audit_grants.ts), so the tamper runs on the
 *   server's superuser connection, on the practice's own schema, with the table's triggers
 *   disabled for its length and enabled again after.
 */
export async function tamperWithAudit<T>(
  core: Pick<Core, 'db'>,
  tamper: (auditLog: () => Knex.QueryBuilder) => Promise<T>,
): Promise<T> {
  const db = core.db;
  if (!isPostgres(db)) {
    await db.raw('DROP TRIGGER IF EXISTS audit_log_no_update');
    await db.raw('DROP TRIGGER IF EXISTS audit_log_no_delete');
    return tamper(() => db('audit_log'));
  }
  // Each test practice is a role with a schema of its name (tests/support/pg-test-server.ts).
  const [where] = await rawRows<{ schema: string }>(db, 'SELECT current_schema() AS schema');
  if (!where?.schema) throw new Error('The practice connection has no current schema');
  const admin = await adminDb();
  const table = `"${where.schema.replace(/"/g, '""')}".audit_log`;
  await admin.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    return await tamper(() => admin.withSchema(where.schema).table('audit_log'));
  } finally {
    await admin.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}
