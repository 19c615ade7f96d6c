import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { openCore, type Core } from '../../main/core.js';
import type { Clock } from '../../shared/domain/clock.js';
import { contentSecurityPolicy } from '../../main/electron/csp.js';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import type { SecretStore } from '../../main/platform/secret-store.js';
import { builtWorkersFolder } from '../support/build-workers.js';

/**
 * Serves the built renderer and runs the real core behind loopback HTTP, so browser tests
 * exercise the same dispatch the Electron IPC channel does. Every path sits under a random
 * token; the server binds 127.0.0.1 on a random port and checks the Host header (no DNS
 * rebinding).
 */
export interface Harness {
  /** The app's start page, token included. */
  url: string;
  core: Core;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataFolder: string;
  rendererDir?: string;
  clock?: Clock;
  /** The real OS keychain by default. */
  secrets?: SecretStore;
  /** How often the idle check runs; Electron uses 15 s, tests want it quick. */
  tickMs?: number;
  /** scrypt parameters of new password slots (tests pass cheaper ones; the app's by default). */
  passwordKdf?: { N: number; r: number; p: number };
  /** The locale main writes dates for; en-GB by default, as the e2e browser's (playwright.config.ts). */
  locale?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

const BRIDGE = `(() => {
  'use strict';
  const invoke = async (name, input) => {
    const res = await fetch('./__api', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, input: input === undefined ? null : input }),
    });
    return res.json();
  };
  // Main's pushes (lock changes) arrive as server-sent events, as IPC events do in Electron.
  const listeners = new Set();
  const source = new EventSource('./__events');
  source.onmessage = (m) => {
    const event = JSON.parse(m.data);
    for (const l of listeners) l(event);
  };
  const onEvent = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  Object.defineProperty(window, 'hourkeep', { value: Object.freeze({ invoke, onEvent }), enumerable: true });
})();
`;

// Room for the largest CSV import (5 MB) as JSON, as Electron's IPC has no such limit.
const MAX_BODY = 8 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? 'dist/renderer');
  const core = await openCore({
    dataFolder: options.dataFolder,
    version: 'harness',
    secrets: options.secrets ?? createKeytarSecretStore('Hourkeep (harness)'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.passwordKdf ? { passwordKdf: options.passwordKdf } : {}),
    workersFolder: builtWorkersFolder(),
    locale: options.locale ?? 'en-GB',
  });
  const token = randomBytes(24).toString('hex');
  const prefix = `/t/${token}/`;
  const csp = contentSecurityPolicy({ connectSelf: true });
  let expectedHost = '';

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  const tokenOk = (url: string) => {
    const given = Buffer.from(url.slice(0, prefix.length));
    const want = Buffer.from(prefix);
    return given.length === want.length && timingSafeEqual(given, want);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.headers.host !== expectedHost || !tokenOk(url)) {
        return send(res, 403, 'text/plain', 'Forbidden');
      }
      const rest = url.slice(prefix.length);
      if (rest === '__api' && req.method === 'POST') {
        let payload: { name?: unknown; input?: unknown };
        try {
          payload = JSON.parse(await readBody(req)) as typeof payload;
        } catch {
          return send(
            res,
            400,
            'application/json',
            JSON.stringify({
              ok: false,
              error: { code: 'validation', message: 'Malformed request' },
            }),
          );
        }
        const call = core.invoke(payload.name, payload.input);
        inFlight.add(call);
        try {
          return send(res, 200, 'application/json', JSON.stringify(await call));
        } finally {
          inFlight.delete(call);
        }
      }
      if (rest === '__events' && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (rest === '__bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', BRIDGE);
      const file = normalize(
        join(rendererDir, rest === '' ? 'index.html' : decodeURIComponent(rest)),
      );
      if (!file.startsWith(rendererDir + sep)) return send(res, 403, 'text/plain', 'Forbidden');
      try {
        let body: string | Buffer = await readFile(file);
        if (file.endsWith('index.html')) {
          body = body
            .toString('utf8')
            .replace('<head>', '<head><script src="./__bridge.js"></script>');
        }
        return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body);
      } catch {
        return send(res, 404, 'text/plain', 'Not found');
      }
    })().catch(() => send(res, 500, 'text/plain', 'Internal error'));
  });

  const streams = new Set<ServerResponse>();
  const inFlight = new Set<Promise<unknown>>();
  const unsubscribe = core.onLockChange((change) => {
    const data = JSON.stringify({ type: 'lock-changed', ...change });
    for (const stream of streams) stream.write(`data: ${data}\n\n`);
  });
  const unsubscribeEvents = core.onEvent((event) => {
    const data = JSON.stringify(event);
    for (const stream of streams) stream.write(`data: ${data}\n\n`);
  });
  // No OS idle time in a browser: idle is measured from app activity alone.
  const ticker = setInterval(() => core.tick(), options.tickMs ?? 250);

  let closing: Promise<void> | null = null;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  return {
    url: `http://${expectedHost}${prefix}`,
    core,
    // Idempotent: the e2e fixture closes before checking the data folder, and again on failure.
    close: () => (closing ??= closeAll()),
  };

  async function closeAll(): Promise<void> {
    {
      clearInterval(ticker);
      unsubscribe();
      unsubscribeEvents();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      // A call the page made just before the test ended still runs after its socket closed;
      // closing the database under it would strand its next query until knex's timeout.
      await Promise.allSettled([...inFlight]);
      await core.close();
    }
  }
}
