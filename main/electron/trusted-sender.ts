import { isAppUrl } from './app-url.js';

/** The part of Electron's WebFrameMain the IPC sender check reads. */
export interface SenderFrame {
  readonly url: string;
}

/**
 * Only the app's own page may call the API. `senderFrame` is null when the frame navigated
 * away or was destroyed before the message was handled; that is refused too. Pure so it is
 * unit-tested without Electron.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && isAppUrl(frame.url);
}
