import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionTokenOf } from '../auth/access.guard';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { csrfTokenFor } from '../auth/session-token';
import { formatDate, formatDateTime, formatMonthDayTime } from '../common/i18n/format';
import { type Message, type MessageKey, type MessageParam, translate } from '../common/i18n/catalog';
import type { Locale } from '../common/locale';
import { LANG_COOKIE, requestLocale } from '../common/request-locale';
import type { SafeHtml } from './html';
import { browserUrlOf } from './web-routing';

export type PageLocale = Locale;

export { LANG_COOKIE };

/** What every page needs: who is looking, in which language, the CSRF token for its forms. */
export class PageContext {
  constructor(
    readonly user: AuthenticatedUser | null,
    readonly locale: PageLocale,
    readonly csrf: string | null,
    /** The browser path and query of this page. */
    readonly url: string,
  ) {}

  /** A catalog message (or a key and its parameters) in the page's language. */
  msg(message: Message | MessageKey, params?: Record<string, MessageParam>): string {
    return translate(this.locale, message, params);
  }

  /** 2026年12月5日 · 5 Dec 2026 (a calendar date, or an instant in Asia/Shanghai). */
  date(value: Date | string | null | undefined): string {
    return formatDate(this.locale, value);
  }

  /** 2026年12月5日 15:44 in Asia/Shanghai. */
  dateTime(value: Date | string | null | undefined): string {
    return formatDateTime(this.locale, value);
  }

  /** 12月5日 15:44 in Asia/Shanghai (timelines). */
  shortDateTime(value: Date | string | null | undefined): string {
    return formatMonthDayTime(this.locale, value);
  }

  get path(): string {
    return this.url.split('?')[0];
  }

  static of(request: FastifyRequest): PageContext {
    const user = request.user ?? null;
    const presented = sessionTokenOf(request);
    const locale = requestLocale({ query: request.query, cookies: request.cookies, user });
    const csrf = presented ? csrfTokenFor(presented.token) : null;
    return new PageContext(user, locale, csrf, browserUrlOf(request.raw, request.url));
  }
}

/** The page context of the current request, as a handler parameter. */
export const Page = createParamDecorator((_data: unknown, ctx: ExecutionContext): PageContext =>
  PageContext.of(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): void {
  void reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n${page.value}`);
}

/** The header app.js sends with a multipart form it posts with `fetch`. */
export const FETCH_FORM_HEADER = 'x-duban-form';

/**
 * After a form POST: 303 so the browser GETs the target. A form sent by app.js with `fetch` (multipart
 * uploads) gets 200 and the target in `x-location` instead, and the script navigates: a redirect followed
 * inside `fetch` is a subresource request, which the CSP's upgrade-insecure-requests would move to https.
 */
export function redirect(reply: FastifyReply, url: string, status = 303): void {
  if (reply.request?.headers[FETCH_FORM_HEADER] === '1' && status === 303) {
    void reply.code(200).header('x-location', url).header('cache-control', 'no-store').send();
    return;
  }
  void reply.code(status).header('location', url).header('cache-control', 'no-store').send();
}
