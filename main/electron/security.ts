import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isExternalHttpUrl } from './app-url.js';

export { isAppUrl, isExternalHttpUrl } from './app-url.js';

type Log = (message: string, err?: unknown) => void;

/**
 * Hourkeep needs no web permission (camera, notifications, clipboard-read, geolocation, USB,
 * HID, serial…), so every request and every check is refused rather than listed.
 */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * The renderer may only ever show app://hourkeep/. Links to the web open in the user's
 * browser (http and https only); everything else is dropped. Applied to every webContents,
 * so a frame or window we did not expect is covered too.
 */
export function guardWebContents(contents: WebContents, log: Log = console.warn): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log(`Blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log(`Blocked redirect to ${event.url}`);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) {
      // The user's browser, not the app, shows web pages.
      const opened = shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — url passed isExternalHttpUrl just above (http/https only)
      opened.catch((err: unknown) => log(`Could not open ${url}`, err));
    } else {
      log(`Blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
  // No <webview> is used; refusing attachment stops a compromised page from creating one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide policy; call once the app is ready, before any window exists. */
export function installSecurityPolicy(log: Log = console.warn): void {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}
