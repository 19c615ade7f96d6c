import { makeAssignmentsService } from './assignments.js';
import { makeHoursService } from './hours.js';
import { makePeopleService } from './people.js';
import type { CorePorts } from './ports.js';
import { makePracticeService } from './practice.js';

export interface AppInfo {
  version: string;
  dataFolder: string;
  schemaVersion: number;
}

export function makeServices(ports: CorePorts, info: AppInfo) {
  return {
    info: (): AppInfo => info,
    practice: makePracticeService(ports),
    people: makePeopleService(ports),
    assignments: makeAssignmentsService(ports),
    hours: makeHoursService(ports),
  };
}

export type Services = ReturnType<typeof makeServices>;
