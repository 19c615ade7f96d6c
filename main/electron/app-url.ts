/**
 * The app's own origin and the URL predicates the navigation guard and the IPC sender check
 * share. Pure (no Electron import) so unit tests exercise exactly what main runs.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hourkeep';
/** The renderer's entry page, served by protocol.ts from the built renderer folder. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is on the app's own origin: scheme `app:`, host `hourkeep`, no port and no
 * credentials. Compared field by field because Node's URL gives non-special schemes an
 * opaque origin ("null") and leaves their host's case alone (Chromium lowercases it).
 */
export function isAppOrigin(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** True when `url` is a page of the app itself (see isAppOrigin). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && isAppOrigin(parsed);
}

/**
 * True for web links worth handing to the user's browser (http and https with a host). Every
 * other scheme (file:, javascript:, smb:, custom protocol handlers…) is refused, since
 * opening those could run programs or leak credentials.
 */
export function isExternalHttpUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.hostname !== ''
  );
}
