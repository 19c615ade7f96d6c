import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isAppOrigin } from './app-url.js';

/** What an `app://` request maps to; pure, so the mapping is tested without Electron. */
export type AppFileResolution =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Content type by extension; unknown files are served as opaque bytes (and nosniff). */
export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps `app://hourkeep/<path>` to a file inside `rootDir` (the built renderer). Anything that
 * is not our host, or whose decoded path would leave `rootDir` (`..`, `%2e%2e`, encoded
 * slashes or backslashes, NUL bytes), is refused before the file system is touched.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (!isAppOrigin(url)) {
    return { ok: false, status: 404, reason: 'unknown host' };
  }

  let path: string;
  try {
    path = decodeURIComponent(
      url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname,
    );
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  // Backslashes are separators on Windows; refusing them everywhere keeps one behaviour.
  if (path.includes('\0') || path.includes('\\')) {
    return { ok: false, status: 400, reason: 'forbidden character in path' };
  }

  const root = resolve(rootDir);
  // join (not resolve) so a leading "/" stays relative to the root.
  const filePath = resolve(join(root, path));
  const rel = relative(root, filePath);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    return { ok: false, status: 403, reason: 'path leaves the app folder' };
  }
  return { ok: true, filePath, contentType: contentTypeFor(filePath) };
}
