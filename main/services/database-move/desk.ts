import { rename } from 'node:fs/promises';
import { AppError, validationError } from '../../../shared/errors.js';
import type {
  DatabasePlace,
  MoveReport,
  ServerCheck,
  ServerForm,
} from '../../../shared/domain/database.js';
import { PROGRESS_TASKS } from '../../../shared/domain/reports.js';
import type { Clock } from '../../../shared/domain/clock.js';
import type { Db } from '../../db/connection.js';
import { dropSchemaObjects } from '../../db/dialect/catalogue.js';
import { migrateToLatest } from '../../db/migration-source.js';
import type { PgLocation } from '../../db/postgres.js';
import type { DatabaseLocation } from '../../platform/database-location.js';
import type { EventHub } from '../events.js';
import { copyPractice, MoveVerificationError } from './copy-tables.js';
import { readKeyShare } from '../../db/tables/practice-keys.js';
import { unwrapDataKey } from '../../platform/crypto.js';
import { openEscrowOf, type KeyShare } from '../../platform/key-slots.js';
import { checkServer, connectTo, locationOf } from './server-check.js';

export interface DatabaseDeskPorts {
  databaseFile: string;
  clock: Clock;
  events: EventHub;
  /** Where the practice is now. */
  location: () => DatabaseLocation;
  /** The open practice's database; answers `locked` while it is closed. */
  liveDb: () => Db;
  /** Runs `work` while nothing opens, closes or restores the practice. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Runs `work` once the work under way has ended (long work stopped), holding back calls
   * that start meanwhile until it is done: they then run on the practice where it is by then.
   */
  withCallsHeld: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Switches the workstation to `target`: keeps the password in the keychain, the location in
   * the settings, closes the file and reopens the practice's services on the server.
   */
  adopt: (target: Db, location: PgLocation, password: string) => Promise<void>;
  /** Records the move in the practice's audit trail (now on the server). */
  audit: (detail: string) => Promise<void>;
  /** The server the practice is on, or null while it is in this workstation's file. */
  server: () => PgLocation | null;
  /** Keeps a server password that was just proven, in this workstation's keychain. */
  keepServerPassword: (at: PgLocation, password: string) => Promise<void>;
  /** Whether this folder holds no practice yet (first run): only then can it join one. */
  isFirstRun: () => boolean;
  /**
   * Joins this workstation to the practice on the server: a key file bound to this keychain
   * from the server's key slots, the server's place and password kept here.
   */
  join: (
    share: KeyShare,
    keys: { dataKey: Buffer; slotsKey: Buffer },
    at: PgLocation,
    password: string,
  ) => Promise<void>;
}

export type DatabaseDesk = ReturnType<typeof makeDatabaseDesk>;

/**
 * Admin → Database (issue 21): where the practice is kept, "Test connection", and "Move this
 * practice to the server": every table copied inside one server transaction while the file's
 * own transaction holds every other write back, each table's rows counted and checksummed on
 * both sides, then the switch. A failure part-way changes nothing here and leaves the server's
 * database empty.
 */
export function makeDatabaseDesk(ports: DatabaseDeskPorts) {
  /**
   * The copy and the switch: calls are held until the practice is on the server, or a write
   * queued behind the copy's transaction would run on the file after it and stay there only.
   */
  const whileSwitching = <T>(work: () => Promise<T>): Promise<T> =>
    ports.exclusive(() => ports.withCallsHeld(work));

  async function test(form: ServerForm): Promise<ServerCheck> {
    const db = await connectTo(form);
    try {
      return await checkServer(db, form);
    } finally {
      await db.destroy().catch(() => undefined);
    }
  }

  async function move(form: ServerForm): Promise<MoveReport> {
    if (ports.location().kind !== 'file')
      throw new AppError('conflict', 'This practice is already kept on a database server.');
    const started = ports.clock.now().getTime();
    const target = await connectTo(form);
    let adopted = false;
    try {
      const check = await checkServer(target, form);
      if (!check.empty)
        throw new AppError(
          'conflict',
          `The database ${form.database} on ${form.host} already holds tables${check.holdsPractice ? ' (a practice)' : ''}: a practice moves only into an empty database.`,
        );
      const report = await whileSwitching(async () => {
        const source = ports.liveDb();
        try {
          await migrateToLatest(target).catch((err: unknown) => {
            throw new AppError(
              'conflict',
              `The server refused to create the practice's tables (${err instanceof Error ? err.message : String(err)}). Let ${form.user} create tables in ${form.database}, then try again.`,
            );
          });
          const tables = await source.transaction((file) =>
            target.transaction((server) =>
              copyPractice(file, server, (done, total) =>
                ports.events.emit({
                  type: 'progress',
                  task: PROGRESS_TASKS.databaseMove,
                  done,
                  total,
                }),
              ),
            ),
          );
          const keptFile = `${ports.databaseFile}.before-server`;
          await ports.adopt(target, locationOf(form), form.password);
          adopted = true;
          await rename(ports.databaseFile, keptFile);
          return { tables, keptFile };
        } catch (err) {
          if (!adopted) await dropSchemaObjects(target).catch(() => undefined);
          if (err instanceof MoveVerificationError)
            throw new AppError('conflict', `${err.message} Nothing was changed; try again.`);
          throw err;
        }
      });
      const rows = report.tables.reduce((n, t) => n + t.rows, 0);
      await ports.audit(
        `Practice moved to the database server ${form.host}:${form.port}/${form.database} as ${form.user}: ${report.tables.length} tables, ${rows} rows, each checked by count and checksum; the workstation's file kept as ${report.keptFile}`,
      );
      return { ...report, seconds: (ports.clock.now().getTime() - started) / 1000 };
    } finally {
      if (!adopted) await target.destroy().catch(() => undefined);
    }
  }

  /**
   * A workstation joins the practice its server holds, once, with the recovery code (issue 21):
   * the code opens the data key from the server's recovery slot, the data key the people's
   * slots; from then on the people sign in here with their own passwords.
   */
  async function join(form: ServerForm, recoveryCode: string): Promise<void> {
    if (!ports.isFirstRun())
      throw new AppError('conflict', 'Hourkeep is already set up on this computer.');
    const db = await connectTo(form);
    try {
      const share = await readKeyShare(db).catch(() => null);
      if (!share)
        throw validationError({
          database:
            'No Hourkeep practice in this database: move one there from its workstation first (Admin → Database)',
        });
      const dataKey = await unwrapDataKey(share.recovery, recoveryCode);
      if (!dataKey)
        throw validationError({ recoveryCode: 'This recovery code does not open this practice' });
      const escrow = openEscrowOf(share.escrow, share.practiceId, dataKey);
      if (!escrow)
        throw new AppError(
          'conflict',
          "The practice's key slots on the server are damaged. Join from a workstation that still opens the practice, or restore it from a backup.",
        );
      const slotsKey = Buffer.from(escrow.slotsKey, 'base64');
      try {
        await ports.join(share, { dataKey, slotsKey }, locationOf(form), form.password);
      } finally {
        dataKey.fill(0);
        slotsKey.fill(0);
      }
    } finally {
      await db.destroy().catch(() => undefined);
    }
  }

  /**
   * The server password again, after this workstation's keychain lost it (reset, new profile):
   * proven by connecting with it, then kept. Sign-in asks for it when it is missing.
   */
  async function serverPassword(password: string): Promise<void> {
    const at = ports.server();
    if (!at) throw new AppError('conflict', "This practice is kept in this workstation's file.");
    try {
      const db = await connectTo({ ...at, password });
      await db.destroy().catch(() => undefined);
    } catch (err) {
      if (err instanceof AppError && err.fields?.password)
        throw validationError({ serverPassword: err.fields.password });
      throw err;
    }
    await ports.keepServerPassword(at, password);
  }

  return {
    join,
    serverPassword,
    place: (): DatabasePlace => {
      const at = ports.location();
      return at.kind === 'file' ? { kind: 'file', file: ports.databaseFile } : at;
    },
    test,
    move,
  };
}
