// The pure rules behind the Electron shell: which URLs are the app, which may open in the
// browser, which files app:// may serve, and which IPC senders may call the API. No Electron
// import is involved, so these run exactly as main runs them.
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from '../../main/electron/app-files.js';
import { APP_ENTRY_URL, isAppUrl, isExternalHttpUrl } from '../../main/electron/app-url.js';
import { isTrustedSender } from '../../main/electron/trusted-sender.js';

const root = join(sep, 'opt', 'hourkeep', 'renderer');

describe('isAppUrl', () => {
  it('accepts pages of app://hourkeep/', () => {
    for (const url of [
      APP_ENTRY_URL,
      'app://hourkeep/',
      'app://hourkeep/index.html#/sites',
      'app://HOURKEEP/index.html',
    ]) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('refuses other hosts, schemes, ports, credentials and junk', () => {
    for (const url of [
      'app://evil/index.html',
      'app://hourkeep.example.org/index.html',
      'app://evil.hourkeep/index.html',
      'app://hourkeep:8080/index.html',
      'app://user@hourkeep/index.html',
      'https://hourkeep/index.html',
      'http://localhost/index.html',
      'file:///opt/hourkeep/renderer/index.html',
      'javascript:alert(1)',
      'data:text/html,<p>hi</p>',
      'about:blank',
      'app:hourkeep',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isExternalHttpUrl', () => {
  it('accepts http and https links', () => {
    for (const url of [
      'https://example.org/',
      'http://example.org/path?q=1',
      'HTTPS://EXAMPLE.ORG',
    ]) {
      expect(isExternalHttpUrl(url), url).toBe(true);
    }
  });

  it('refuses every other scheme, which could run programs or read files', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'mailto:someone@example.org',
      'ms-settings:privacy',
      'app://hourkeep/index.html',
      'data:text/html,x',
      'ftp://example.org/',
      'https:',
      '',
    ]) {
      expect(isExternalHttpUrl(url), url).toBe(false);
    }
  });
});

describe('resolveAppFile (app:// request → file in the renderer folder)', () => {
  it('maps app://hourkeep/<path> into the folder with the right content type', () => {
    expect(resolveAppFile('app://hourkeep/index.html', root)).toEqual({
      ok: true,
      filePath: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://hourkeep/assets/index-3f2a.js?v=1#x', root)).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'index-3f2a.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://hourkeep/assets/my%20font.woff2', root)).toMatchObject({
      ok: true,
      filePath: join(root, 'assets', 'my font.woff2'),
      contentType: 'font/woff2',
    });
  });

  it('serves index.html for the bare origin', () => {
    for (const url of ['app://hourkeep', 'app://hourkeep/']) {
      expect(resolveAppFile(url, root)).toMatchObject({
        ok: true,
        filePath: join(root, 'index.html'),
      });
    }
  });

  it('refuses paths that decode to a way out of the folder', () => {
    for (const url of [
      'app://hourkeep/..%2f..%2fetc%2fpasswd',
      'app://hourkeep/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://hourkeep/assets/..%2f..%2f..%2fsecret.txt',
      'app://hourkeep/%2E%2E%2F',
      'app://hourkeep/..%2F',
    ]) {
      expect(resolveAppFile(url, root), url).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses backslashes, NUL bytes and malformed escapes', () => {
    for (const url of [
      'app://hourkeep/..%5c..%5cwindows%5cwin.ini',
      'app://hourkeep/assets\\..\\..\\x',
      'app://hourkeep/index.html%00.png',
      'app://hourkeep/%E0%A4%A',
    ]) {
      expect(resolveAppFile(url, root), url).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('keeps literal dot segments inside the folder (the URL parser collapses them)', () => {
    for (const url of [
      'app://hourkeep/../../etc/passwd',
      'app://hourkeep/%2e%2e/%2e%2e/etc/passwd',
      'app://hourkeep/assets/./../../../../etc/passwd',
    ]) {
      expect(resolveAppFile(url, root), url).toEqual({
        ok: true,
        filePath: join(root, 'etc', 'passwd'),
        contentType: 'application/octet-stream',
      });
    }
  });

  it('refuses other hosts and schemes as not found', () => {
    for (const url of [
      'app://evil/index.html',
      'app://hourkeep.evil/index.html',
      'app://hourkeep:1234/index.html',
      'app://user:pw@hourkeep/index.html',
      'file:///opt/hourkeep/renderer/index.html',
      'https://hourkeep/index.html',
    ]) {
      expect(resolveAppFile(url, root), url).toMatchObject({ ok: false, status: 404 });
    }
    expect(resolveAppFile('::not a url::', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('never returns a path outside the folder, whatever the input', () => {
    const nasty = ['..', '%2e%2e', '%2E%2e', '.%2e', '%2f', '%5c', '/', '.', 'a', '%00', '%252e'];
    for (const a of nasty)
      for (const b of nasty)
        for (const c of nasty) {
          const res = resolveAppFile(`app://hourkeep/${a}/${b}${c}/x`, root);
          if (res.ok) expect(res.filePath.startsWith(root + sep), res.filePath).toBe(true);
        }
  });

  it('types unknown files as opaque bytes', () => {
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('STYLE.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('logo.svg')).toBe('image/svg+xml');
  });
});

describe('isTrustedSender (IPC)', () => {
  it('trusts only frames showing app://hourkeep/', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL })).toBe(true);
    expect(isTrustedSender({ url: 'app://hourkeep/index.html#/hours' })).toBe(true);
  });

  it('refuses a missing (navigated or destroyed) frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('refuses other origins, file:// and blank frames', () => {
    for (const url of [
      'https://example.org/',
      'http://localhost:5173/',
      'file:///opt/hourkeep/renderer/index.html',
      'app://evil/index.html',
      'app://hourkeep:8080/index.html',
      'about:blank',
      'data:text/html,x',
      '',
    ]) {
      expect(isTrustedSender({ url }), url).toBe(false);
    }
  });
});
