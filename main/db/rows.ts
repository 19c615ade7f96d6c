import { assignmentFromRow as assignment, type AssignmentRow } from './tables/assignments.js';
import { practiceFromRow as practice, type PracticeRow } from './tables/practice.js';
import { siteFromRow as site, type SiteRow } from './tables/sites.js';
import { supervisorFromRow as supervisor, type SupervisorRow } from './tables/supervisors.js';
import { workerFromRow as worker, type WorkerRow } from './tables/workers.js';

/**
 * The row ↔ domain mappings live with their tables (main/db/tables) and take typed rows. This
 * file keeps the old import path, for rows still read untyped, for the report code that issue
 * 18's work is moving (main/services/reports); the readers convert each column themselves.
 */
type Untyped = Record<string, unknown>;

export const assignmentFromRow = (r: Untyped) => assignment(r as AssignmentRow);
export const practiceFromRow = (r: Untyped) => practice(r as PracticeRow);
export const siteFromRow = (r: Untyped) => site(r as SiteRow);
export const supervisorFromRow = (r: Untyped) => supervisor(r as SupervisorRow);
export const workerFromRow = (r: Untyped) => worker(r as WorkerRow);
