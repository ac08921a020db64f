import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DepartmentsModule } from '../departments/departments.module';
import { RegionsModule } from '../regions/regions.module';
import { Assignment } from './assignment.entity';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { ItemEditingService } from './item-editing.service';
import { ItemStatusService } from './item-status.service';
import { LeadershipGroup, LeadershipGroupMember } from './leadership-group.entity';
import { PlanImportService } from './plan-import.service';
import { PlanItem } from './plan-item.entity';
import { PlanItemsService } from './plan-items.service';
import { Plan } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Plan, PlanItem, Assignment, LeadershipGroup, LeadershipGroupMember]),
    RegionsModule,
    DepartmentsModule,
    AuditModule,
  ],
  providers: [
    PlansService,
    AssignmentsService,
    PlanItemsService,
    PlanImportService,
    ItemStatusService,
    ItemEditingService,
  ],
  // ItemsController lives in SupervisionModule (src/supervision), which adds the 督办 flow to item detail.
  controllers: [PlansController, AssignmentsController],
  exports: [
    PlansService,
    AssignmentsService,
    PlanItemsService,
    PlanImportService,
    ItemStatusService,
    ItemEditingService,
  ],
})
export class PlansModule {}
