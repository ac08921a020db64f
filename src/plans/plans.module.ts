import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuditModule } from '../audit/audit.module';
import { DepartmentsModule } from '../departments/departments.module';
import { RegionsModule } from '../regions/regions.module';
import { ItemEditingService } from './item-editing.service';
import { ItemStatusService } from './item-status.service';
import { LeadershipGroup, LeadershipGroupMember } from './leadership-group.entity';
import { PlanImportService } from './plan-import.service';
import { PlanItem } from './plan-item.entity';
import { PlanItemsService } from './plan-items.service';
import { PlanScope } from './plan-scope';
import { Plan } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Plan, PlanItem, LeadershipGroup, LeadershipGroupMember]),
    RegionsModule,
    DepartmentsModule,
    AssignmentsModule,
    AuditModule,
  ],
  providers: [
    PlansService,
    PlanItemsService,
    PlanImportService,
    PlanScope,
    ItemStatusService,
    ItemEditingService,
  ],
  // ItemsController lives in SupervisionModule (src/assignments), which adds the 督办 flow to item detail.
  controllers: [PlansController],
  exports: [
    PlansService,
    PlanItemsService,
    PlanImportService,
    PlanScope,
    ItemStatusService,
    ItemEditingService,
  ],
})
export class PlansModule {}
