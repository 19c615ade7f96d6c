import type { AssignmentRow } from './assignments.js';
import type { AuditKeyRow, AuditLogRow } from './audit-log.js';
import type { CeCycleRow, CeRecordRow } from './ce.js';
import type { ConsentRow } from './consents.js';
import type { DisclosureRow } from './disclosures.js';
import type { HourEntryRow } from './hour-entries.js';
import type { PracticeRow } from './practice.js';
import type { AcknowledgementRow, PrivacyNoticeRow } from './privacy-notices.js';
import type { PrivacyRequestRow, ScheduledDeletionRow } from './privacy-requests.js';
import type { RetentionRuleRow } from './retention-rules.js';
import type { HourRollupRow, ProgressCacheRow } from './rollups.js';
import type { CustomPackRow, SecurityPolicyRow } from './settings.js';
import type { SiteRow } from './sites.js';
import type { SessionAttendeeRow, SupervisionSessionRow } from './supervision-sessions.js';
import type { SupervisorRow } from './supervisors.js';
import type { SurveyAnswerRow, SurveyParticipantRow, SurveyRow } from './surveys.js';
import type { LoginUnlinkRow, UserRow } from './users.js';
import type { SigningKeyRow, WeekSignatureRow } from './week-signatures.js';
import type { WeeklyLogRow } from './weekly-logs.js';
import type { WorkerRow } from './workers.js';

/**
 * Every table's row type, told to knex (its "TypeScript" typings): `q('workers')` is a query of
 * WorkerRow, so reads come back typed without casts and writes name only real columns. The
 * row types live with their tables in this folder; migrations/ stays the schema's source.
 */
declare module 'knex/types/tables' {
  interface Tables {
    audit_keys: AuditKeyRow;
    audit_log: AuditLogRow;
    ce_cycles: CeCycleRow;
    ce_records: CeRecordRow;
    consents: ConsentRow;
    custom_packs: CustomPackRow;
    disclosures: DisclosureRow;
    hour_entries: HourEntryRow;
    hour_rollups: HourRollupRow;
    login_unlinks: LoginUnlinkRow;
    notice_acknowledgements: AcknowledgementRow;
    practice: PracticeRow;
    privacy_notices: PrivacyNoticeRow;
    privacy_requests: PrivacyRequestRow;
    progress_cache: ProgressCacheRow;
    retention_rules: RetentionRuleRow;
    scheduled_deletions: ScheduledDeletionRow;
    security_policy: SecurityPolicyRow;
    signing_keys: SigningKeyRow;
    sites: SiteRow;
    supervision_assignments: AssignmentRow;
    supervision_session_attendees: SessionAttendeeRow;
    supervision_sessions: SupervisionSessionRow;
    supervisors: SupervisorRow;
    survey_answers: SurveyAnswerRow;
    survey_participants: SurveyParticipantRow;
    surveys: SurveyRow;
    users: UserRow;
    week_signatures: WeekSignatureRow;
    weekly_logs: WeeklyLogRow;
    workers: WorkerRow;
  }
}
