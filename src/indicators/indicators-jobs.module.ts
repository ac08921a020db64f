import { type DynamicModule, Module } from '@nestjs/common';
import { IndicatorsModule } from './indicators.module';
import { IndicatorsProcessor } from './indicators.processor';
import { IndicatorsScheduler } from './indicators.scheduler';

/** The worker role processes the `indicators` queue and registers the nightly recompute; other roles only enqueue. */
@Module({})
export class IndicatorsJobsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: IndicatorsJobsModule,
      imports: [IndicatorsModule],
      providers: options.worker ? [IndicatorsProcessor, IndicatorsScheduler] : [],
    };
  }
}
