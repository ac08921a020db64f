import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSecret } from './app-secret.provider';
import { DigestEntry } from './digest-entry.entity';
import { OutboxMessage } from './notification-outbox.entity';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxAdminController } from './outbox-admin.controller';
import { OutboxService } from './outbox.service';

/** Outbox, preferences and digests' storage, in every role; the mail sender is MailJobsModule (worker role). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, NotificationPreference, DigestEntry])],
  providers: [AppSecret, OutboxService, NotificationsService],
  controllers: [NotificationsController, OutboxAdminController],
  exports: [OutboxService, NotificationsService, AppSecret],
})
export class NotificationsModule {}
