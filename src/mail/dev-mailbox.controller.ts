import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Env } from '../config/env.schema';
import { projectPath } from '../config/paths';
import { Roles } from '../access/access.decorators';
import { Role } from '../access/role.enum';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';

/**
 * Development only: the messages the local mail sink received, read from the `.eml` files so every process
 * (api, worker) sees the same mailbox.
 */
@ApiTags('dev')
@Controller('dev/mail')
export class DevMailboxController {
  private readonly dir: string;

  constructor(config: ConfigService<Env, true>) {
    const dir = config.get('MAIL_DIR', { infer: true });
    this.dir = path.isAbsolute(dir) ? dir : projectPath(dir);
  }

  @Get()
  @Roles(Role.Admin)
  async list(): Promise<Array<{ id: string; date: string; from: string; to: string; subject: string }>> {
    const files = await this.files();
    const newest = files.slice(-200).reverse();
    return Promise.all(
      newest.map(async (file) => {
        const mail = await simpleParser(await fs.promises.readFile(path.join(this.dir, file)));
        return {
          id: file.replace(/\.eml$/, ''),
          date: mail.date?.toISOString() ?? '',
          from: mail.from?.text ?? '',
          to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''),
          subject: mail.subject ?? '',
        };
      }),
    );
  }

  @Get(':id')
  @Roles(Role.Admin)
  async read(
    @Param('id') id: string,
  ): Promise<{ id: string; subject: string; text: string; html: string | null }> {
    if (!/^[\w-]+$/.test(id))
      throw new DomainError(ErrorCode.NOT_FOUND, msg('common.mail_not_found', { id }));
    const file = path.join(this.dir, `${id}.eml`);
    if (!fs.existsSync(file))
      throw new DomainError(ErrorCode.NOT_FOUND, msg('common.mail_not_found', { id }));
    const mail = await simpleParser(await fs.promises.readFile(file));
    return {
      id,
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : null,
    };
  }

  private async files(): Promise<string[]> {
    if (!fs.existsSync(this.dir)) return [];
    return (await fs.promises.readdir(this.dir)).filter((f) => f.endsWith('.eml')).sort();
  }
}
