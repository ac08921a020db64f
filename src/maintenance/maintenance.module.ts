import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance.scheduler';

/** The worker role processes maintenance jobs; the API role only has the queue (registered globally). */
@Module({})
export class MaintenanceModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: MaintenanceModule,
      imports: [AuthModule],
      providers: options.worker ? [MaintenanceProcessor, MaintenanceScheduler] : [],
    };
  }
}
