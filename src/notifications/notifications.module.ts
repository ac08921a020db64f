import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSecret } from './app-secret.provider';
import { DigestEntry } from './digest-entry.entity';
import { MailProcessor } from './mail.processor';
import { MailScheduler } from './mail.scheduler';
import { OutboxMessage } from './notification-outbox.entity';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxAdminController } from './outbox-admin.controller';
import { OutboxService } from './outbox.service';

/** Outbox, preferences, digests' storage and the mail sender (the sender only in the worker role). */
@Global()
@Module({})
export class NotificationsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [TypeOrmModule.forFeature([OutboxMessage, NotificationPreference, DigestEntry])],
      providers: [
        AppSecret,
        OutboxService,
        NotificationsService,
        ...(options.worker ? [MailProcessor, MailScheduler] : []),
      ],
      controllers: [NotificationsController, OutboxAdminController],
      exports: [OutboxService, NotificationsService, AppSecret],
    };
  }
}
