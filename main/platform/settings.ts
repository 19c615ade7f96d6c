import Conf from 'conf';
import {
  DEFAULT_WORKSTATION_SETTINGS,
  workstationSettingsSchema,
  type WorkstationSettings,
} from '../../shared/domain/settings.js';

/** What conf and electron-store (a subclass of conf) both provide. */
export interface SettingsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** This workstation's settings (the lockout policy lives in the database). */
export interface SettingsStore {
  get(): WorkstationSettings;
  /** Validates the whole result first, so a bad value never reaches the file. */
  update(patch: Partial<WorkstationSettings>): WorkstationSettings;
  /** The file itself, for moving what older versions kept there. */
  backend: SettingsBackend;
}

export function makeSettingsStore(backend: SettingsBackend): SettingsStore {
  const get = (): WorkstationSettings => {
    const parsed = workstationSettingsSchema.safeParse({
      ...DEFAULT_WORKSTATION_SETTINGS,
      ...(backend.get('settings') as object | undefined),
    });
    return parsed.success ? parsed.data : DEFAULT_WORKSTATION_SETTINGS;
  };
  return {
    get,
    backend,
    update(patch) {
      const stored = (backend.get('settings') as Record<string, unknown> | undefined) ?? {};
      const next = workstationSettingsSchema.parse({ ...get(), ...patch });
      // Values an older version kept here stay until the database has taken them over.
      backend.set('settings', { ...stored, ...next });
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
