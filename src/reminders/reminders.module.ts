import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevClockController } from './dev-clock.controller';
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
import { RemindersProcessor } from './reminders.processor';
import { RemindersRunner } from './reminders-runner.service';
import { RemindersScheduler } from './reminders.scheduler';
import { ReportCycleService } from './report-cycle.service';
import { WorkerWatch } from './worker-watch.service';

/**
 * Reminders, escalation, digests and reporting cycles. The services exist in every role (the API enqueues,
 * lists notices, and the dev clock runs passes); processors and job schedulers only in the worker role.
 */
@Module({})
export class RemindersModule {
  static register(options: { worker: boolean; devClock: boolean }): DynamicModule {
    return {
      module: RemindersModule,
      imports: [TypeOrmModule.forFeature([ReminderPolicyRow, ReminderItemState, EscalationNotice])],
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
        ...(options.worker ? [RemindersProcessor, RemindersScheduler, WorkerWatch] : []),
      ],
      controllers: [
        EscalationsController,
        ReminderPoliciesController,
        ...(options.devClock ? [DevClockController] : []),
      ],
      exports: [
        ReminderSchedulerService,
        RemindersRunner,
        DigestService,
        EscalationService,
        ImportBacklogService,
      ],
    };
  }
}
