// Electron main entry (bundled to dist/main/index.cjs). Wires the core (database, services,
// dispatch) to the window, the app:// protocol, IPC and the menu. Nothing else imports Electron.
import ElectronStore from 'electron-store';
import { createKeytarSecretStore } from '../platform/keytar-secret-store.js';
import { resolve } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { openCore, type Core } from '../core.js';
import { SCHEDULE_CHECK_MS } from '../services/backup/schedule.js';
import { IPC_EVENT_CHANNEL } from '../../shared/api/bridge.js';
import { bindIpc } from './ipc.js';
import { bindLockSignals, type LockSignals } from './lock-signals.js';
import { installMenu } from './menu.js';
import { preloadScript, rendererFolder, workersFolder } from './paths.js';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './protocol.js';
import { installSecurityPolicy } from './security.js';
import { createMainWindow } from './window.js';

const log = (message: string, err?: unknown): void => {
  if (err === undefined) console.error(`[hourkeep] ${message}`);
  else console.error(`[hourkeep] ${message}`, err);
};

// Tests and development can point the app at a throwaway data folder. A packaged app ignores
// it, so nobody can redirect a practice's install to other data with an environment variable.
// Set before the single-instance lock, which is keyed by the userData folder.
const userDataOverride = process.env.HOURKEEP_USER_DATA;
if (!app.isPackaged && userDataOverride) app.setPath('userData', resolve(userDataOverride));
// Likewise the keychain service name, so test runs keep their data keys apart from a real
// install's on a developer's machine.
const keychainService = (!app.isPackaged && process.env.HOURKEEP_KEYCHAIN_SERVICE) || 'Hourkeep';

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();
// Must happen before 'ready'.
registerAppSchemeAsPrivileged();

let core: Core | null = null;
let lockSignals: LockSignals | null = null;
let backupTimer: NodeJS.Timeout | null = null;
let mainWindow: BrowserWindow | null = null;

const currentWindow = (): BrowserWindow | null =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(preloadScript(), log);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const dataFolder = app.getPath('userData');
  try {
    core = await openCore({
      dataFolder,
      version: __APP_VERSION__,
      log,
      secrets: createKeytarSecretStore(keychainService),
      // electron-store writes settings.json in userData: the same file conf uses in tests.
      settingsBackend: new ElectronStore<Record<string, unknown>>({ name: 'settings' }),
      // Backups and deletions that fell due run when the practice opens and before it closes.
      dueWorkOnOpenAndClose: true,
      // Long work (the audit walk) runs in worker threads built beside this bundle.
      workersFolder: workersFolder(),
      // Dates in PDFs and messages follow the OS's locale, as the window's do (navigator.language).
      locale: app.getLocale(),
    });
  } catch (err) {
    log(`Could not open the database in ${dataFolder}`, err);
    dialog.showErrorBox(
      'Hourkeep could not open its database',
      `The database in\n\n${dataFolder}\n\ncould not be opened or updated, so Hourkeep will close. ` +
        'No data was changed. Check that the folder exists and is writable and that the disk ' +
        'is not full, then start Hourkeep again.\n\n' +
        `Details: ${err instanceof Error ? err.message : String(err)}`,
    );
    app.exit(1);
    return;
  }
  installSecurityPolicy(log);
  handleAppProtocol(rendererFolder());
  bindIpc(core, log);
  const openedCore = core;
  lockSignals = bindLockSignals(openedCore, currentWindow, log);
  // Progress of long work (CSV import, PDFs) goes to the window like lock changes do.
  openedCore.onEvent((event) => {
    const win = currentWindow();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  const menuContext = {
    getWindow: currentWindow,
    version: __APP_VERSION__,
    userDataPath: dataFolder,
    isPackaged: app.isPackaged,
    platform: process.platform,
    lock: () => openedCore.lock('manual'),
    log,
  };
  // Sign-in, sign-out, lock and unlock all arrive as lock changes; the menu follows the viewer.
  const menuFor = (c: Core) => installMenu(menuContext, c.viewerRole(), c.canLock());
  menuFor(openedCore);
  openedCore.onLockChange(() => menuFor(openedCore));
  showWindow();
  // The database opens only with a person's password, so start-up work waits for the sign-in;
  // while the practice is open, a check every hour keeps the daily backup and deletions going.
  backupTimer = setInterval(() => {
    void openedCore.backupSchedule.onTimer();
    // Hourly is harmless: a deletion is due on a day and each one runs once.
    void openedCore.runDueDeletions();
    void openedCore.warmProgress();
  }, SCHEDULE_CHECK_MS);
}

// A second copy would open the same SQLite file; bring the running window forward instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (core) showWindow();
  });

  app.whenReady().then(start, (err: unknown) => {
    log('Electron failed to start', err);
    app.exit(1);
  });

  // macOS keeps apps alive without windows and reopens one from the Dock.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core) showWindow();
  });

  // Close the database (checkpointing the WAL) before the process ends: hold the quit once,
  // close, then quit for real.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    lockSignals?.dispose();
    lockSignals = null;
    if (backupTimer) clearInterval(backupTimer);
    const closingCore = core;
    // A backup on quit, but never one that holds the quit up for more than a minute.
    Promise.race([
      closingCore.backupSchedule.onQuit(),
      new Promise((done) => setTimeout(done, 60_000)),
    ])
      .then(() => closingCore.close())
      .catch((err: unknown) => log('Could not close the database cleanly', err))
      .finally(() => {
        core = null;
        app.quit();
      });
  });
}
