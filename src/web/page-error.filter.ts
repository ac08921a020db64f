import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/session-token';
import { DomainError, ErrorCode } from '../common/domain-error';
import { localizeDeep } from '../common/i18n/catalog';
import { bilingual, messageText } from './components';
import { errorPage } from './layout';
import { PageContext, redirect, sendPage } from './page-context';
import { safeNext } from './web-routing';

/** Bilingual messages are “中文 / English”: the page shows the half of its language. */
export function localized(ctx: PageContext, message: string): string {
  return messageText(ctx, message);
}

/**
 * Errors of page routes as pages: not signed in → sign-in page with `next=` (an expired session says so);
 * forbidden, CSRF and not found → an error page with the status; validation and state errors → the message
 * and every detail. The API keeps its JSON error shape (ErrorShapeFilter).
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const ctx = PageContext.of(request);
    const code = exception instanceof DomainError ? exception.code : null;

    if (code === ErrorCode.AUTH_REQUIRED || code === ErrorCode.AUTH_SESSION_EXPIRED) {
      // After a refused POST, come back to the page the form was on (same site only).
      const referer = request.headers.referer;
      const back = referer
        ? new URL(referer, 'http://x').pathname + new URL(referer, 'http://x').search
        : '/';
      const next = safeNext(request.method === 'GET' ? ctx.url : back);
      if (code === ErrorCode.AUTH_SESSION_EXPIRED) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const expired = code === ErrorCode.AUTH_SESSION_EXPIRED ? '&expired=1' : '';
      return redirect(reply, `/login?next=${encodeURIComponent(next)}${expired}`, 302);
    }
    if (exception instanceof DomainError) {
      const status = exception.status;
      const title =
        status === 403
          ? ctx.msg('shell.error_forbidden_title')
          : status === 404
            ? ctx.msg('shell.error_not_found_title')
            : ctx.msg('shell.error_not_done_title');
      const details = detailLines(localizeDeep(ctx.locale, exception.details));
      if (exception.headers) void reply.headers(exception.headers);
      return sendPage(
        reply,
        errorPage(ctx, title, bilingual(ctx, exception.messageIn(ctx.locale)), details),
        status,
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message =
        status === 400
          ? ctx.msg('common.bad_request', { reason: exception.message })
          : status === 404
            ? ctx.msg('common.not_found_path', { path: ctx.path })
            : exception.message;
      return sendPage(reply, errorPage(ctx, String(status), message), status);
    }
    const fastifyError = exception as { statusCode?: number; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      return sendPage(
        reply,
        errorPage(ctx, String(fastifyError.statusCode), fastifyError.message ?? ''),
        fastifyError.statusCode,
      );
    }
    this.logger.error({ err: exception, requestId: request.id }, `${request.method} ${ctx.url} failed`);
    sendPage(
      reply,
      errorPage(ctx, ctx.msg('shell.error_internal_title'), ctx.msg('common.internal'), [
        ctx.msg('web.request_id', { id: String(request.id) }),
      ]),
      500,
    );
  }
}

/** Readable lines from an error's details (validation problems, import issues). */
function detailLines(details: unknown): string[] {
  if (Array.isArray(details)) return details.map(detailLine);
  if (details && typeof details === 'object') {
    const d = details as { issues?: unknown; blockers?: unknown };
    if (Array.isArray(d.issues)) return detailLines(d.issues);
    if (Array.isArray(d.blockers)) return detailLines(d.blockers);
  }
  return [];
}

/** A validation problem `{field, problems}` as `field: problem, problem`; a blocker by its message. */
function detailLine(d: unknown): string {
  if (typeof d === 'string') return d;
  const o = d as { field?: unknown; problems?: unknown; message?: unknown };
  if (typeof o?.field === 'string' && Array.isArray(o.problems))
    return `${o.field}: ${o.problems.join(', ')}`;
  if (typeof o?.message === 'string') return o.message;
  return JSON.stringify(d);
}
