import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuditModule } from '../audit/audit.module';
import { WorkingCalendar } from '../calendar/working-calendar';
import { DepartmentsModule } from '../departments/departments.module';
import { RegionsModule } from '../regions/regions.module';
import { ItemsController } from './items.controller';
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
    // The official holiday schedule; admin overrides join when the calendar table exists.
    { provide: WorkingCalendar, useFactory: () => WorkingCalendar.fromChineseDays() },
  ],
  controllers: [PlansController, ItemsController],
  exports: [PlansService, PlanItemsService, PlanImportService, PlanScope],
})
export class PlansModule {}
