import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Role } from '../access/role.enum';
import { validationPipe } from '../common/validation';
import { OutboxQueryDto, OutboxRetryDto } from '../notifications/outbox-admin.controller';
import { type OutboxFilter, OutboxService } from '../notifications/outbox.service';
import { Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { mailAdminPage } from './pages/mail-admin.page';

type Form = Record<string, string | undefined>;

/** The form's `datetime-local` values are Shanghai wall-clock times; the API takes ISO instants. */
function filterOf(form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['status', 'from', 'to', 'recipient', 'error']) {
    let value = form[name]?.trim();
    if (!value) continue;
    if ((name === 'from' || name === 'to') && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value))
      value = `${value}:00+08:00`;
    out[name] = value;
  }
  return out;
}

/** 邮件投递 (admin): failed and dead mail by time, recipient and error; bulk 重新发送 of what matches. */
@PageController()
export class MailAdminController {
  constructor(private readonly outbox: OutboxService) {}

  @Get('admin/mail')
  @Roles(Role.Admin)
  async list(@Page() ctx: PageContext, @Query() query: Form, @Res() reply: FastifyReply): Promise<void> {
    const filter = (await validationPipe.transform(
      { status: 'dead', ...filterOf(query) },
      { type: 'query', metatype: OutboxQueryDto },
    )) as OutboxFilter;
    const [rows, counts] = await Promise.all([this.outbox.list(filter), this.outbox.counts()]);
    sendPage(reply, mailAdminPage(ctx, { filter, rows, counts, done: query.done ?? null }));
  }

  @Post('admin/mail/retry')
  @Roles(Role.Admin)
  async retry(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = filterOf((request.body ?? {}) as Form);
    const filter = (await validationPipe.transform(form, {
      type: 'body',
      metatype: OutboxRetryDto,
    })) as OutboxFilter;
    const { retried } = await this.outbox.retryMany(filter);
    const back = new URLSearchParams({ ...form, done: String(retried) });
    redirect(reply, `/admin/mail?${back.toString()}`);
  }
}
