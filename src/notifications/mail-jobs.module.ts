import { type DynamicModule, Module } from '@nestjs/common';
import { MailProcessor } from './mail.processor';
import { MailScheduler } from './mail.scheduler';
import { NotificationsModule } from './notifications.module';

/** The worker role relays the outbox and sends mail; other roles only write outbox rows. */
@Module({})
export class MailJobsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: MailJobsModule,
      imports: [NotificationsModule],
      providers: options.worker ? [MailProcessor, MailScheduler] : [],
    };
  }
}
