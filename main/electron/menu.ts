import { Menu, dialog, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { IPC_EVENT_CHANNEL, type AppEvent } from '../../shared/api/bridge.js';
import type { Role } from '../../shared/api/contract-kit.js';
import { mayOpen, type Screen } from '../../shared/domain/screens.js';

type Log = (message: string, err?: unknown) => void;

export interface MenuContext {
  /** The main window, or null while it is closed (macOS keeps the app running). */
  getWindow(): BrowserWindow | null;
  version: string;
  userDataPath: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Locks the app in main (core.lock('manual')), whatever state the renderer is in. */
  lock(): void;
  log?: Log;
}

const SCREEN_LABELS: Record<Screen, string> = {
  dashboard: 'Dashboard',
  hours: 'Hours',
  review: 'Review',
  sessions: 'Supervision sessions',
  ce: 'Continuing education',
  reports: 'Reports',
  packs: 'Requirement packs',
  backups: 'Backups and restore…',
  database: 'Database…',
  workers: 'Workers',
  supervisors: 'Supervisors',
  sites: 'Sites',
  users: 'Users',
  audit: 'Audit trail',
  verify: 'Verify a signed file…',
  settings: 'Settings',
  'my-data': 'My data',
  privacy: 'Privacy…',
  statistics: 'Practice statistics',
  surveys: 'Surveys',
};

function send(ctx: MenuContext, event: AppEvent): void {
  ctx.getWindow()?.webContents.send(IPC_EVENT_CHANNEL, event);
}

function navigate(ctx: MenuContext, screen: Screen): void {
  send(ctx, { type: 'navigate', screen });
}

type Command = Extract<AppEvent, { type: 'command' }>['command'];

/** Commands that need the renderer's dialogs (and go through the API like any other call). */
function commandItem(
  ctx: MenuContext,
  label: string,
  command: Command,
): MenuItemConstructorOptions {
  return { label, click: () => send(ctx, { type: 'command', command }) };
}

function navigationItem(
  ctx: MenuContext,
  screen: Screen,
  accelerator?: string,
): MenuItemConstructorOptions {
  return {
    label: SCREEN_LABELS[screen],
    ...(accelerator ? { accelerator } : {}),
    click: () => navigate(ctx, screen),
  };
}

type Entry = MenuItemConstructorOptions & { screen?: Screen };
const withoutScreen = ({ screen: _screen, ...item }: Entry): MenuItemConstructorOptions => item;

/**
 * Drops the screens the viewer may not open, then any separator left at an end or doubled, so
 * a menu never offers what the sidebar hides (and a signed-out or locked app offers no screen).
 */
function forViewer(entries: Entry[], viewer: Role | null): MenuItemConstructorOptions[] {
  const kept = entries.filter((e) => !e.screen || (viewer !== null && mayOpen(viewer, e.screen)));
  const items: MenuItemConstructorOptions[] = [];
  for (const item of kept.map(withoutScreen)) {
    const separator = item.type === 'separator';
    if (separator && (items.length === 0 || items.at(-1)?.type === 'separator')) continue;
    items.push(item);
  }
  if (items.at(-1)?.type === 'separator') items.pop();
  return items;
}

const screenEntry = (ctx: MenuContext, screen: Screen, accelerator?: string): Entry => ({
  ...navigationItem(ctx, screen, accelerator),
  screen,
});

async function showAbout(ctx: MenuContext): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Hourkeep',
    message: `Hourkeep ${ctx.version}`,
    detail:
      'Supervised-hours tracking for small practices, kept on this workstation.\n\n' +
      `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  const win = ctx.getWindow();
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

async function showPrivacy(ctx: MenuContext): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'Privacy and data folder',
    message: 'Hourkeep keeps its data on this computer',
    detail:
      `The database and settings are in this folder:\n\n${ctx.userDataPath}\n\n` +
      'Anyone who can open this folder can copy the data, so keep this account protected.',
    buttons: ['Open folder', 'Close'],
    defaultId: 1,
    cancelId: 1,
  };
  const win = ctx.getWindow();
  const { response } = await (win
    ? dialog.showMessageBox(win, options)
    : dialog.showMessageBox(options));
  if (response !== 0) return;
  // openPath resolves with an error message rather than rejecting.
  const error = await shell.openPath(ctx.userDataPath);
  if (error)
    dialog.showErrorBox('Could not open the data folder', `${ctx.userDataPath}\n\n${error}`);
}

/**
 * The menu as data; exported so the unit tests can read it without building a native menu.
 * `viewer` is the role of the signed-in, unlocked user, or null while signed out or locked:
 * main rebuilds the menu on every change of either.
 */
export function menuTemplate(
  ctx: MenuContext,
  viewer: Role | null,
  /** A reviewer's computer has no viewer role, yet an unlocked profile to lock (issue 20). */
  canLock: boolean = viewer !== null,
): MenuItemConstructorOptions[] {
  const log = ctx.log ?? console.error;
  const isMac = ctx.platform === 'darwin';
  const report = (what: string) => (err: unknown) => log(`Menu: ${what} failed`, err);

  const appMenu: MenuItemConstructorOptions = {
    label: 'Hourkeep',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const view = forViewer(
    [
      screenEntry(ctx, 'dashboard', 'CmdOrCtrl+1'),
      screenEntry(ctx, 'hours', 'CmdOrCtrl+2'),
      screenEntry(ctx, 'review', 'CmdOrCtrl+3'),
      screenEntry(ctx, 'sessions', 'CmdOrCtrl+4'),
      screenEntry(ctx, 'ce', 'CmdOrCtrl+5'),
      screenEntry(ctx, 'reports', 'CmdOrCtrl+6'),
      { type: 'separator' },
      screenEntry(ctx, 'statistics'),
      screenEntry(ctx, 'surveys'),
      screenEntry(ctx, 'my-data'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
    viewer,
  );
  const admin = forViewer(
    [
      screenEntry(ctx, 'workers'),
      screenEntry(ctx, 'supervisors'),
      screenEntry(ctx, 'sites'),
      screenEntry(ctx, 'packs'),
      { type: 'separator' },
      { ...commandItem(ctx, 'Back up now', 'backup-now'), screen: 'backups' },
      screenEntry(ctx, 'backups'),
      screenEntry(ctx, 'database'),
      { type: 'separator' },
      screenEntry(ctx, 'users'),
      screenEntry(ctx, 'privacy'),
      screenEntry(ctx, 'audit'),
      screenEntry(ctx, 'verify'),
      screenEntry(ctx, 'settings'),
    ],
    viewer,
  );

  // Developer tools only in development: in a packaged app they would bypass every safeguard.
  if (!ctx.isPackaged) {
    view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  }

  return [
    ...(isMac ? [appMenu] : []),
    {
      label: 'File',
      submenu: [
        // Handled here in main, not by the renderer, so it works whatever the page is doing.
        {
          label: 'Lock Hourkeep',
          accelerator: 'CmdOrCtrl+L',
          enabled: canLock,
          click: () => ctx.lock(),
        },
        ...(viewer
          ? [
              commandItem(ctx, 'Change password…', 'change-password'),
              commandItem(ctx, 'Sign out', 'sign-out'),
            ]
          : []),
        { type: 'separator' },
        // On macOS Quit lives in the app menu; File then closes the window, as users expect.
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    // Admin screens, as far as the viewer may open them; dispatch refuses the calls anyway.
    ...(admin.length > 0 ? [{ label: 'Admin', submenu: admin }] : []),
    {
      role: 'help',
      submenu: [
        // The renderer's list of shortcuts (also on "?" in the app); only once someone is in.
        ...(viewer ? [commandItem(ctx, 'Keyboard shortcuts', 'keyboard-shortcuts')] : []),
        { label: 'About Hourkeep', click: () => void showAbout(ctx).catch(report('About')) },
        {
          label: 'Privacy and data folder',
          click: () => void showPrivacy(ctx).catch(report('Privacy and data folder')),
        },
      ],
    },
  ];
}

export function installMenu(ctx: MenuContext, viewer: Role | null, canLock: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(ctx, viewer, canLock)));
}
