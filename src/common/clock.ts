import { Global, Injectable, Module } from '@nestjs/common';
import { type CalendarDate, todayInShanghai } from './calendar-date';

/**
 * The one source of "now" for rules that depend on the date (statuses, due-soon, reminders). Injected, so a
 * test can pin time with `jest.spyOn(app.get(Clock), 'now')` instead of faking timers for the whole process.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date in China (Asia/Shanghai), whatever the server's own time zone. */
  today(): CalendarDate {
    return todayInShanghai(this.now());
  }
}

/** Global so every module gets the same instance (a test pins it once for the whole app). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
