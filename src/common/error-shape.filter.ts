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

/** PostgreSQL errors caused by the input, by SQLSTATE. */
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22021': '文本含有无法保存的字符 / The text contains a character that cannot be stored (NUL)',
  '22P05': '文本含有无法保存的字符 / The text contains a character that cannot be stored',
  '23503': '引用的记录不存在 / A referenced record does not exist',
  '22001': '文本过长 / A text is too long',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
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
    const body = this.toBody(exception);
    body.requestId = String(request.id);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, `${request.method} ${request.url} failed`);
    }
    if (exception instanceof DomainError && exception.headers) reply.headers(exception.headers);
    // A route that answers HTML (a printable notice) has set its content type already: the error is JSON.
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        error: exception.code,
        message: exception.message,
        details: exception.details,
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
        message: DATABASE_INPUT_ERRORS[driverCode],
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
    return { statusCode: 500, error: 'INTERNAL', message: '服务器内部错误 / Internal server error' };
  }
}
