import type { MigrationInterface } from 'typeorm';
import { Foundation1795446850808 } from './1795446850808-Foundation';
import { PlansAndAssignments1795448312147 } from './1795448312147-PlansAndAssignments';
import { IndicatorEvidence1795448478367 } from './1795448478367-IndicatorEvidence';
import { SupervisionFlow1795448814533 } from './1795448814533-SupervisionFlow';
import { Reminders1795448867959 } from './1795448867959-Reminders';
import { PlanDrafts1795450649050 } from './1795450649050-PlanDrafts';
import { PlanItemIncentives1795460000000 } from './1795460000000-PlanItemIncentives';
import { DeliveryRecovery1796473639836 } from './1796473639836-DeliveryRecovery';

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
  DeliveryRecovery1796473639836,
];
