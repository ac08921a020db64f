import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarOverrideRow } from './calendar-override.entity';
import { CalendarYearRow } from './calendar-year.entity';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { LiveWorkingCalendar } from './live-working-calendar';
import { WorkingCalendar } from './working-calendar';

/**
 * The one working calendar of the process (chinese-days + `calendar_overrides`), global: inject
 * `WorkingCalendar`. Rebuilt when an admin changes the table, in every instance (Redis pub/sub).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarOverrideRow, CalendarYearRow])],
  providers: [
    { provide: LiveWorkingCalendar, useFactory: () => new LiveWorkingCalendar() },
    { provide: WorkingCalendar, useExisting: LiveWorkingCalendar },
    CalendarService,
  ],
  controllers: [CalendarController],
  exports: [WorkingCalendar, LiveWorkingCalendar, CalendarService],
})
export class CalendarModule {}
