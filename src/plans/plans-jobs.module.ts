import { type DynamicModule, Module } from '@nestjs/common';
import { PlansModule } from './plans.module';
import { PlansProcessor } from './plans.processor';
import { PlansScheduler } from './plans.scheduler';

/** The worker role refreshes item statuses daily; the API role only has the queue (registered globally). */
@Module({})
export class PlansJobsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: PlansJobsModule,
      imports: [PlansModule],
      providers: options.worker ? [PlansProcessor, PlansScheduler] : [],
    };
  }
}
