import { ipcMain } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../shared/api/bridge.js';
import type { Envelope } from '../../shared/api/bridge.js';
import type { Core } from '../core.js';
import { isTrustedSender } from './trusted-sender.js';

export { isTrustedSender } from './trusted-sender.js';

type Log = (message: string, err?: unknown) => void;

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not use the Hourkeep API.' },
};

const INTERNAL: Envelope<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong. The error has been logged.' },
};

/**
 * The renderer's single way into main. Each call is checked against the sending frame (only
 * app://hourkeep/ pages may call) before the core's dispatch validates the input itself.
 */
export function bindIpc(core: Pick<Core, 'invoke'>, log: Log = console.error): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      log(`Refused API call ${String(name)} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return FORBIDDEN;
    }
    try {
      return await core.invoke(name, input);
    } catch (err) {
      // dispatch already turns handler errors into envelopes; this is a last resort.
      log(`API call ${String(name)} failed`, err);
      return INTERNAL;
    }
  });
}

export function unbindIpc(): void {
  ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}
