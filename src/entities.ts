import { Assignment } from './plans/assignment.entity';
import { ExtensionRequest } from './supervision/extension-request.entity';
import { ProgressReport } from './supervision/progress-report.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Session } from './auth/session.entity';
import { CalendarOverrideRow } from './calendar/calendar-override.entity';
import { CalendarYearRow } from './calendar/calendar-year.entity';
import { Department } from './departments/department.entity';
import { OfficeMailbox } from './departments/office-mailbox.entity';
import { ReportFile } from './supervision/report-file.entity';
import {
  SupervisionAction,
  SupervisionCounter,
  SupervisionNotice,
} from './supervision/supervision-notice.entity';
import { PlanDraft } from './extraction/plan-draft.entity';
import { EvidenceRecord } from './indicators/evidence/evidence-record.entity';
import { Evaluation } from './indicators/evaluation.entity';
import { LedgerEntry } from './indicators/ledger-entry.entity';
import { StatisticsImport, StatisticsTable } from './indicators/statistics-import.entity';
import { LeadershipGroup, LeadershipGroupMember } from './plans/leadership-group.entity';
import { PlanEventRecord } from './plans/plan-event-record.entity';
import { PlanItem } from './plans/plan-item.entity';
import { Plan } from './plans/plan.entity';
import { Region } from './regions/region.entity';
import { DigestEntry } from './notifications/digest-entry.entity';
import { OutboxMessage } from './notifications/notification-outbox.entity';
import { NotificationPreference } from './notifications/notification-preference.entity';
import { EscalationNotice } from './reminders/escalation-notice.entity';
import { ReminderItemState } from './reminders/reminder-item-state.entity';
import { ReminderPolicyRow } from './reminders/reminder-policy.entity';
import { User } from './users/user.entity';

/** Every entity, for the migration CLI; Nest modules register their own with `TypeOrmModule.forFeature`. */
export const ENTITIES = [
  User,
  Session,
  Region,
  Department,
  Plan,
  PlanItem,
  LeadershipGroup,
  LeadershipGroupMember,
  Assignment,
  AuditEntry,
  StatisticsImport,
  StatisticsTable,
  Evaluation,
  EvidenceRecord,
  LedgerEntry,
  ProgressReport,
  ReportFile,
  ExtensionRequest,
  CalendarOverrideRow,
  CalendarYearRow,
  ReminderPolicyRow,
  ReminderItemState,
  EscalationNotice,
  OutboxMessage,
  NotificationPreference,
  DigestEntry,
  PlanDraft,
  SupervisionCounter,
  SupervisionNotice,
  SupervisionAction,
  OfficeMailbox,
  PlanEventRecord,
];
