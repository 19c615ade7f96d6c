import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-url.js';

type Log = (message: string, err?: unknown) => void;

/**
 * The one application window. webPreferences are written inline, every option spelled out,
 * so Electronegativity can read them and a reader need not know Electron's defaults.
 */
export function createMainWindow(preloadPath: string, log: Log = console.error): BrowserWindow {
  // Middle-click (auxclick) opens links through window.open, which security.ts denies; the
  // 'Auxclick' Blink feature the check asks to disable no longer exists (electron#10315).
  // prettier-ignore
  const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK — new windows are denied by setWindowOpenHandler (security.ts)
    title: 'Hourkeep',
    width: 1280,
    height: 800,
    // The smallest window every screen is laid out for (tests/e2e/shell.spec.ts checks 1024×700).
    minWidth: 1024,
    minHeight: 700,
    // Hidden until the first paint, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK — our own bundled preload; it exposes only invoke/onEvent through contextBridge
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: true,
    },
  });
  // Keeps client data out of screenshots, screen recordings and screen sharing, always (not
  // only while locked). Windows: excluded from capture (Windows 10 2004+; a black rectangle on
  // older versions). macOS: NSWindowSharingNone, which apps capturing through ScreenCaptureKit
  // (macOS 15+) and QuickTime ignore (electron#48258, electron#14415). Linux: no effect; X11
  // and Wayland offer no such flag. A safeguard, not a guarantee.
  win.setContentProtection(true);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => log(`Could not load ${APP_ENTRY_URL}`, err));
  return win;
}
