import { Assignment } from '../assignments/assignment.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Session } from '../auth/session.entity';
import { Department } from '../departments/department.entity';
import { EvidenceRecord } from '../indicators/evidence/evidence-record.entity';
import { Evaluation } from '../indicators/evaluation.entity';
import { LedgerEntry } from '../indicators/ledger-entry.entity';
import { StatisticsImport, StatisticsTable } from '../indicators/statistics-import.entity';
import { LeadershipGroup, LeadershipGroupMember } from '../plans/leadership-group.entity';
import { PlanItem } from '../plans/plan-item.entity';
import { Plan } from '../plans/plan.entity';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';

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
];
