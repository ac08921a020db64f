import { Module } from '@nestjs/common';
import { DevClockController } from './dev-clock.controller';
import { RemindersModule } from './reminders.module';

/** Time travel for the demo: imported by the application in development only. */
@Module({
  imports: [RemindersModule],
  controllers: [DevClockController],
})
export class DevClockModule {}
