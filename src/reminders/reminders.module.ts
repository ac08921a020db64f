import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DepartmentsModule } from '../departments/departments.module';
import { DigestService } from './digest.service';
import { EscalationNotice } from './escalation-notice.entity';
import { EscalationService } from './escalation.service';
import { EscalationsController } from './escalations.controller';
import { ImportBacklogService } from './import-backlog.service';
import { ReminderDispatchService } from './reminder-dispatch.service';
import { ReminderEventsListener } from './reminder-events.listener';
import { ReminderFactsRepository } from './reminder-facts.repository';
import { ReminderItemState } from './reminder-item-state.entity';
import { ReminderPoliciesController } from './reminder-policies.controller';
import { ReminderPolicyRow } from './reminder-policy.entity';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersRunner } from './reminders-runner.service';
import { ReportCycleService } from './report-cycle.service';

/**
 * Reminders, escalation, digests and reporting cycles: the services and the API, in every role (the API
 * enqueues and lists notices). The worker role adds processors and job schedulers (RemindersJobsModule); the
 * development build adds time travel (DevClockModule).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReminderPolicyRow, ReminderItemState, EscalationNotice]),
    AuditModule,
    DepartmentsModule,
  ],
  providers: [
    ReminderFactsRepository,
    ReminderSchedulerService,
    ReminderDispatchService,
    DigestService,
    EscalationService,
    ReportCycleService,
    ImportBacklogService,
    RemindersRunner,
    ReminderEventsListener,
  ],
  controllers: [EscalationsController, ReminderPoliciesController],
  exports: [
    ReminderSchedulerService,
    ReminderDispatchService,
    RemindersRunner,
    DigestService,
    EscalationService,
    ImportBacklogService,
  ],
})
export class RemindersModule {}
