import Conf from 'conf';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../domain/settings.js';

/** What conf and electron-store (a subclass of conf) both provide. */
export interface SettingsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsStore {
  get(): Settings;
  /** Validates the whole result first, so a bad value never reaches the file. */
  update(patch: Partial<Settings>): Settings;
}

export function makeSettingsStore(backend: SettingsBackend): SettingsStore {
  const get = (): Settings => {
    const parsed = settingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      ...(backend.get('settings') as object | undefined),
    });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };
  return {
    get,
    update(patch) {
      const next = settingsSchema.parse({ ...get(), ...patch });
      backend.set('settings', next);
      return next;
    },
  };
}

/** Plain-Node backend (tests, harness): conf writing settings.json into the data folder. */
export function confBackend(dataFolder: string): SettingsBackend {
  return new Conf<Record<string, unknown>>({
    cwd: dataFolder,
    configName: 'settings',
    projectName: 'hourkeep',
  });
}
