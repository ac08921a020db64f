import { Body, Controller, Get, Header, Put, Query } from '@nestjs/common';
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

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:36em;margin:3em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly secret: AppSecret,
  ) {}

  /** The one-click link in non-mandatory mail (signed, no sign-in). Escalation notices keep coming. */
  @Get('unsubscribe')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribe(@Query('token') token?: string): Promise<string> {
    const userId = token ? verifyUnsubscribeToken(this.secret.value, token) : null;
    if (!userId || !(await this.notifications.unsubscribe(userId))) {
      return page('链接无效 / Invalid link', '此退订链接无效或已失效。/ This unsubscribe link is not valid.');
    }
    return page(
      '已退订 / Unsubscribed',
      '您将不再收到提醒和摘要邮件；督办单（强制通知）仍会发送。可在个人设置中重新订阅。/ You will no longer receive reminders and digests; escalation notices are mandatory and still arrive.',
    );
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
