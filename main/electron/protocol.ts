import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAppFile } from './app-files.js';
import { APP_SCHEME } from './app-url.js';
import { contentSecurityPolicy } from './csp.js';

export { resolveAppFile } from './app-files.js';

/**
 * Must run before `app` is ready. `standard` gives app:// real origins and relative URL
 * resolution (Vite's base './'); `secure` makes it a secure context like https;
 * `supportFetchAPI` lets the page fetch its own assets. No `bypassCSP`, no service workers.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Headers on every app:// response, errors included: the CSP travels with the page. */
function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    // connect-src 'none': the Electron renderer reaches main over IPC only.
    'Content-Security-Policy': contentSecurityPolicy({ connectSelf: false }),
    'X-Content-Type-Options': 'nosniff',
  };
}

const STATUS_TEXT = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found' } as const;

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

const isMissingFile = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
};

/** Answers one app:// request from `rootDir`; exported for the unit tests. */
export async function serveAppRequest(
  request: { url: string; method: string },
  rootDir: string,
  log: (message: string, err?: unknown) => void = console.error,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, 'Method not allowed');
  }
  const target = resolveAppFile(request.url, rootDir);
  if (!target.ok) {
    log(`app:// refused ${request.url}: ${target.reason}`);
    return textResponse(target.status, STATUS_TEXT[target.status]);
  }
  try {
    const body = await readFile(target.filePath);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: securityHeaders(target.contentType),
    });
  } catch (err) {
    if (isMissingFile(err)) return textResponse(404, 'Not found');
    log(`app:// could not read ${target.filePath}`, err);
    return textResponse(500, 'Could not read the file');
  }
}

/** Serves the built renderer on app://hourkeep/ (call once the app is ready). */
export function handleAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir));
}
