import { Body, Controller, Get, Header, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Authenticated, CurrentUser, Public } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { AppSecret } from './app-secret.provider';
import {
  type Language,
  LANGUAGES,
  NOTIFICATION_MODES,
  type NotificationMode,
} from './notification-preference.entity';
import { escapeHtml } from './notification-templates';
import { NotificationsService, type PreferencesView } from './notifications.service';
import { Clock } from '../common/clock';
import { verifyUnsubscribeToken } from './unsubscribe-token';

export class PreferencesDto {
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  mode?: NotificationMode;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  /** false unsubscribes from non-mandatory mail, true subscribes again. */
  @IsOptional()
  @IsBoolean()
  subscribed?: boolean;
}

const page = (title: string, body: string, form = '') =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em"><h1>${escapeHtml(title)}</h1>` +
  `<p>${escapeHtml(body)}</p>${form}</body></html>`;

const INVALID = () =>
  page(
    '链接无效 / Invalid link',
    '此退订链接无效或已过期，请在个人设置中管理邮件。/ This unsubscribe link is not valid or has expired; manage mail in your settings.',
  );

const WHAT_STOPS =
  '退订后不再收到摘要和一般提醒；截止前 7 个工作日、前 1 个工作日和到期当日的提醒以及督办单为必达通知，仍会发送（可在个人设置中调整摘要频率）。' +
  ' / Digests and general reminders stop; the 7-day, 1-day and due-day reminders and escalation notices are mandatory and still arrive (digest frequency can be changed in your settings).';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly secret: AppSecret,
    private readonly clock: Clock,
  ) {}

  /**
   * The link in non-mandatory mail (signed, expiring, no sign-in). GET (and HEAD: mail link scanners follow
   * links) only shows what unsubscribing does and a button; the POST of that button — or the mail client's
   * RFC 8058 one-click POST to the `List-Unsubscribe` address — unsubscribes.
   */
  @Get('unsubscribe')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirmUnsubscribe(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('token') token?: string,
  ): string {
    if (!token || !verifyUnsubscribeToken(this.secret.value, token, this.clock.now())) {
      void reply.status(400);
      return INVALID();
    }
    const form =
      `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      `<button type="submit" style="font-size:1rem;padding:.6em 1.2em">确认退订 / Unsubscribe</button></form>`;
    return page('退订督办邮件 / Unsubscribe', WHAT_STOPS, form);
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<string> {
    const userId = token ? verifyUnsubscribeToken(this.secret.value, token, this.clock.now()) : null;
    if (!userId || !(await this.notifications.unsubscribe(userId))) {
      void reply.status(400);
      return INVALID();
    }
    return page('已退订 / Unsubscribed', WHAT_STOPS);
  }

  @Get('preferences')
  @Authenticated()
  preferences(@CurrentUser() user: AuthenticatedUser): Promise<PreferencesView> {
    return this.notifications.preferences(user.id);
  }

  @Put('preferences')
  @Authenticated()
  setPreferences(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PreferencesDto,
  ): Promise<PreferencesView> {
    return this.notifications.setPreferences(user.id, body);
  }
}
