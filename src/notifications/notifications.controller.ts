import { Body, Controller, Get, Header, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { type MessageKey, translate } from '../common/i18n/catalog';
import type { Locale } from '../common/locale';
import { LANG_COOKIE, requestLocale } from '../common/request-locale';
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

/** A small page of the unsubscribe link, entirely in the reader's language. */
const page = (locale: Locale, title: MessageKey, body: MessageKey, form = '') =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(translate(locale, title))}</title></head>` +
  `<body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em"><h1>${escapeHtml(translate(locale, title))}</h1>` +
  `<p>${escapeHtml(translate(locale, body))}</p>${form}</body></html>`;

const INVALID = (locale: Locale) =>
  page(locale, 'notifications.unsub.invalid_title', 'notifications.unsub.invalid_body');

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
  async confirmUnsubscribe(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<string> {
    const userId = token ? verifyUnsubscribeToken(this.secret.value, token, this.clock.now()) : null;
    const locale = await this.readerLocale(request, userId);
    if (!token || !userId) {
      void reply.status(400);
      return INVALID(locale);
    }
    const lang = typeof (request.query as { lang?: unknown })?.lang === 'string' ? `&lang=${locale}` : '';
    const form =
      `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}${escapeHtml(lang)}">` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      `<button type="submit" style="font-size:1rem;padding:.6em 1.2em">${escapeHtml(translate(locale, 'notifications.unsub.confirm_button'))}</button></form>`;
    return page(locale, 'notifications.unsub.confirm_title', 'notifications.unsub.what_stops', form);
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<string> {
    const userId = token ? verifyUnsubscribeToken(this.secret.value, token, this.clock.now()) : null;
    const locale = await this.readerLocale(request, userId);
    if (!userId || !(await this.notifications.unsubscribe(userId))) {
      void reply.status(400);
      return INVALID(locale);
    }
    return page(locale, 'notifications.unsub.done_title', 'notifications.unsub.what_stops');
  }

  /**
   * The page's language: the reader's explicit choice (`?lang=`, the language cookie), else the mail language
   * of the user the link was made for (nobody is signed in), else Simplified Chinese.
   */
  private async readerLocale(request: FastifyRequest, userId: string | null): Promise<Locale> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (query.lang !== undefined || request.cookies?.[LANG_COOKIE] !== undefined)
      return requestLocale(request);
    return userId ? (await this.notifications.preferences(userId)).language : 'zh-CN';
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
