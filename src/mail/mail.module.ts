import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DevMailboxController } from './dev-mailbox.controller';
import { MailService } from './mail.service';

/**
 * Required only in development: the dev mailbox reads mail with mailparser, a development dependency that a
 * production install (`npm install --omit=dev`) does not have.
 */
function loadDevMailboxController(): typeof DevMailboxController {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./dev-mailbox.controller') as { DevMailboxController: typeof DevMailboxController })
    .DevMailboxController;
}

@Global()
@Module({})
export class MailModule {
  static register(options: { devMailbox: boolean }): DynamicModule {
    return {
      module: MailModule,
      providers: [MailService],
      controllers: options.devMailbox ? [loadDevMailboxController()] : [],
      exports: [MailService],
    };
  }
}
