import type { HourkeepBridge } from '../../shared/api/bridge';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the test harness's bridge script. */
    readonly hourkeep: HourkeepBridge;
  }
}

export {};
