// The preload exposes exactly window.hourkeep = { invoke, onEvent } and nothing of Electron.
import { expect, it, vi } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type HourkeepBridge,
} from '../../shared/api/bridge.js';
import { fakeRenderer } from '../support/fake-electron.js';

vi.mock('electron', async () => (await import('../support/fake-electron.js')).electronModule);

async function exposedBridge(): Promise<HourkeepBridge> {
  await import('../../preload/index.js');
  const { exposeInMainWorld } = fakeRenderer.contextBridge;
  expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('hourkeep');
  return api as HourkeepBridge;
}

it('exposes only invoke and onEvent under window.hourkeep', async () => {
  const bridge = await exposedBridge();
  expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
});

it('invoke forwards the name and input on the invoke channel and returns the envelope', async () => {
  const bridge = await exposedBridge();
  fakeRenderer.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] });
  await expect(bridge.invoke('sites.list', { q: 1 })).resolves.toEqual({ ok: true, value: [] });
  expect(fakeRenderer.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'sites.list', {
    q: 1,
  });
});

it('onEvent passes only the payload, never the IpcRendererEvent, and unsubscribes', async () => {
  const bridge = await exposedBridge();
  const listener = vi.fn();
  const unsubscribe = bridge.onEvent(listener);
  const ipcEvent = { sender: fakeRenderer.ipcRenderer, senderId: 0 };
  fakeRenderer.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { type: 'navigate', screen: 'sites' });
  expect(listener).toHaveBeenCalledExactlyOnceWith({ type: 'navigate', screen: 'sites' });

  unsubscribe();
  fakeRenderer.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { type: 'navigate', screen: 'hours' });
  expect(listener).toHaveBeenCalledTimes(1);
  expect(fakeRenderer.ipcRenderer.listeners.get(IPC_EVENT_CHANNEL)).toEqual([]);
});
