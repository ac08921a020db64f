import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DevMailboxController } from './dev-mailbox.controller';
import { MailService } from './mail.service';

@Global()
@Module({})
export class MailModule {
  static register(options: { devMailbox: boolean }): DynamicModule {
    return {
      module: MailModule,
      providers: [MailService],
      controllers: options.devMailbox ? [DevMailboxController] : [],
      exports: [MailService],
    };
  }
}
