import { type DynamicModule, Module } from '@nestjs/common';
import { RemindersModule } from './reminders.module';
import { RemindersProcessor } from './reminders.processor';
import { RemindersScheduler } from './reminders.scheduler';
import { WorkerWatch } from './worker-watch.service';

/** The worker role sends reminders and runs the daily passes; other roles only enqueue. */
@Module({})
export class RemindersJobsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: RemindersJobsModule,
      imports: [RemindersModule],
      providers: options.worker ? [RemindersProcessor, RemindersScheduler, WorkerWatch] : [],
    };
  }
}
