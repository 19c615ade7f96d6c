// Runs in the sandboxed renderer before the page. It exposes exactly one object,
// window.hourkeep, and never hands ipcRenderer or Electron events to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type AppEvent,
  type HourkeepBridge,
} from '../shared/api/bridge.js';
import type { Envelope } from '../shared/api/bridge.js';

const bridge = {
  invoke: (name: string, input: unknown): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  onEvent(listener: (event: AppEvent) => void): () => void {
    // Only the payload crosses: the IpcRendererEvent carries `sender` (ipcRenderer itself).
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies HourkeepBridge;

contextBridge.exposeInMainWorld('hourkeep', bridge);
