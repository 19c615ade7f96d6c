// When the database cannot be opened, the app says so in a dialog and exits without a window.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { fake } from '../support/fake-electron.js';

vi.mock('electron', async () => (await import('../support/fake-electron.js')).electronModule);
vi.mock(
  'electron-store',
  async () => (await import('../support/fake-electron.js')).electronStoreModule,
);

const scratch = mkdtempSync(join(tmpdir(), 'hourkeep-electron-'));
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

it('shows an error box naming the folder and exits 1 when the database cannot be opened', async () => {
  // A file where the data folder should be: SQLite cannot create hourkeep.sqlite inside it.
  const notAFolder = join(scratch, 'userData');
  writeFileSync(notAFolder, 'not a folder');
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.stubGlobal('__APP_VERSION__', '9.9.9-test');
  vi.stubEnv('HOURKEEP_USER_DATA', notAFolder);

  await import('../../main/electron/index.js');
  fake.markReady();
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1));

  expect(fake.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
    'Hourkeep could not open its database',
    expect.stringContaining(notAFolder),
  );
  expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  expect(fake.ipcMain.handle).not.toHaveBeenCalled();
  expect(log).toHaveBeenCalled();
  log.mockRestore();
});
