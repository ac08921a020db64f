import type { MigrationInterface } from 'typeorm';
import { Foundation1795446850808 } from './1795446850808-Foundation';
import { PlansAndAssignments1795448312147 } from './1795448312147-PlansAndAssignments';
import { IndicatorEvidence1795448478367 } from './1795448478367-IndicatorEvidence';
import { SupervisionFlow1795448814533 } from './1795448814533-SupervisionFlow';
import { Reminders1795448867959 } from './1795448867959-Reminders';
import { PlanDrafts1795450649050 } from './1795450649050-PlanDrafts';
import { PlanItemIncentives1795460000000 } from './1795460000000-PlanItemIncentives';
import { AssignmentDeadlines1795470000000 } from './1795470000000-AssignmentDeadlines';
import { ProvinceScale1795471600000 } from './1795471600000-ProvinceScale';
import { CalendarYears1795472020000 } from './1795472020000-CalendarYears';
import { SupervisionNotices1795480000000 } from './1795480000000-SupervisionNotices';
import { DepartmentContacts1795490000000 } from './1795490000000-DepartmentContacts';
import { DeliveryRecovery1796473639836 } from './1796473639836-DeliveryRecovery';
import { UserArea1796473642788 } from './1796473642788-UserArea';
import { EscalationNumbers1796480000000 } from './1796480000000-EscalationNumbers';

/**
 * Migrations in order. `npm run migration:generate -- src/database/migrations/<Name>` writes a file from the
 * difference between the entities and the database; add its class here.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Foundation1795446850808,
  PlansAndAssignments1795448312147,
  IndicatorEvidence1795448478367,
  SupervisionFlow1795448814533,
  Reminders1795448867959,
  PlanDrafts1795450649050,
  PlanItemIncentives1795460000000,
  AssignmentDeadlines1795470000000,
  ProvinceScale1795471600000,
  CalendarYears1795472020000,
  SupervisionNotices1795480000000,
  DepartmentContacts1795490000000,
  DeliveryRecovery1796473639836,
  UserArea1796473642788,
  EscalationNumbers1796480000000,
];
