import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from './domain-error';
import { type Message, type MessageKey, localizeDeep, msg, translate } from './i18n/catalog';
import type { Locale } from './locale';
import { requestLocale } from './request-locale';

/** PostgreSQL errors caused by the input, by SQLSTATE. */
export const DATABASE_INPUT_ERRORS: Record<string, MessageKey> = {
  '22021': 'common.db.nul',
  '22P05': 'common.db.bad_char',
  '23503': 'common.db.missing_ref',
  '22001': 'common.db.too_long',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** In the reader's language only (Simplified Chinese unless they chose English). */
  message: string;
  /** The catalog key and parameters behind `message`, for clients that render their own text. */
  messageKey?: string;
  params?: Message['params'];
  details?: unknown;
  requestId?: string;
}

/**
 * One error shape for every failure: `{statusCode, error, message, details?, requestId}`. Unknown errors are
 * logged with the request id and answered with a generic 500, never with their internals.
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception, requestLocale(request));
    body.requestId = String(request.id);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, `${request.method} ${request.url} failed`);
    }
    if (exception instanceof DomainError && exception.headers) reply.headers(exception.headers);
    // A route that answers HTML (a printable notice) has set its content type already: the error is JSON.
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, locale: Locale): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        error: exception.code,
        message: exception.messageIn(locale),
        ...(exception.text ? { messageKey: exception.text.key, params: exception.text.params } : {}),
        details: localizeDeep(locale, exception.details),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: HttpStatus[status] ?? 'ERROR', message };
    }
    // The database refusing what the request carried (checked earlier where possible): the caller's mistake.
    const driverCode = (exception as { driverError?: { code?: string } })?.driverError?.code;
    if (driverCode && DATABASE_INPUT_ERRORS[driverCode]) {
      return {
        statusCode: 400,
        error: ErrorCode.VALIDATION_FAILED,
        message: translate(locale, DATABASE_INPUT_ERRORS[driverCode]),
        messageKey: DATABASE_INPUT_ERRORS[driverCode],
      };
    }
    // Fastify's own errors (body too large, bad JSON, bad content type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      return {
        statusCode: fastifyError.statusCode,
        error: fastifyError.code ?? HttpStatus[fastifyError.statusCode] ?? 'ERROR',
        message: fastifyError.message ?? 'Bad request',
      };
    }
    return { statusCode: 500, error: 'INTERNAL', message: translate(locale, msg('common.internal')) };
  }
}
