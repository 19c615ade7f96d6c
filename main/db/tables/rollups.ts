/** `hour_rollups`: minutes per worker, week, site, supervisor and category (kept by triggers). */
export type HourRollupRow = {
  worker_id: number;
  week_start: string;
  month_start: string;
  site_id: number;
  supervisor_id: number;
  category: string;
  minutes: number;
  entries: number;
};

/** `progress_cache`: a worker's computed progress, valid while its data_version holds. */
export type ProgressCacheRow = {
  worker_id: number;
  computed_for: string | null;
  code_version: string | null;
  data_version: number;
  result_json: string | null;
};
