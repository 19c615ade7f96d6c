import type { SqlBool } from './columns.js';

/** `retention_rules`: how many years each kind of record is kept. */
export type RetentionRuleRow = {
  id: number;
  key: string;
  label: string;
  description: string;
  years: number;
  active: SqlBool;
  updated_at: string;
};
