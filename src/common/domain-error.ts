import { HttpStatus } from '@nestjs/common';
import { type Message, translate } from './i18n/catalog';
import type { Locale } from './locale';

/**
 * Every failure the API reports on purpose has a code; the exception filter maps codes to HTTP statuses.
 * Codes are stable: clients and tests match on them, messages are for people.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION.FAILED',
  AUTH_REQUIRED: 'AUTH.REQUIRED',
  AUTH_INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  AUTH_SESSION_EXPIRED: 'AUTH.SESSION_EXPIRED',
  AUTH_FORBIDDEN: 'AUTH.FORBIDDEN',
  AUTH_NO_RULE: 'AUTH.NO_RULE',
  AUTH_RATE_LIMITED: 'AUTH.RATE_LIMITED',
  AUTH_CSRF: 'AUTH.CSRF',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  PRECONDITION_REQUIRED: 'PRECONDITION_REQUIRED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA: 'UNSUPPORTED_MEDIA',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INVALID_STATE: 'INVALID_STATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.AUTH_REQUIRED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AUTH_INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AUTH_SESSION_EXPIRED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AUTH_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.AUTH_NO_RULE]: HttpStatus.FORBIDDEN,
  [ErrorCode.AUTH_RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.AUTH_CSRF]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.VERSION_CONFLICT]: HttpStatus.PRECONDITION_FAILED,
  [ErrorCode.PRECONDITION_REQUIRED]: HttpStatus.PRECONDITION_REQUIRED,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INVALID_STATE]: HttpStatus.CONFLICT,
};

export class DomainError extends Error {
  /** What the reader is told, rendered in their language when shown (null: an old plain-text message). */
  readonly text: Message | null;

  constructor(
    readonly code: ErrorCode,
    message: Message | string,
    /** Structured facts (fields, issues, blockers); any `Message` inside is rendered in the reader's language. */
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    // The Error's own message (logs, stack traces) is the Simplified Chinese text.
    super(typeof message === 'string' ? message : translate('zh-CN', message));
    this.text = typeof message === 'string' ? null : message;
    this.name = 'DomainError';
  }

  /** The message in the reader's language. */
  messageIn(locale: Locale): string {
    return this.text ? translate(locale, this.text) : this.message;
  }

  get status(): HttpStatus {
    return STATUS[this.code];
  }
}

/** The NOT_FOUND a lookup throws when the row is absent or outside the user's scope. */
export function isNotFound(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === ErrorCode.NOT_FOUND;
}

/**
 * For `.catch(...)` on a lookup: only "no such row" becomes `replacement()`; anything else (a database outage,
 * a bug) is rethrown as it is, so it stays a 5xx instead of turning into a 404 or a validation error.
 */
export function replaceNotFound(replacement: () => DomainError): (error: unknown) => never {
  return (error) => {
    throw isNotFound(error) ? replacement() : error;
  };
}

/** For `.catch(...)` on an optional lookup: "no such row" is null, anything else is rethrown. */
export function nullWhenNotFound(error: unknown): null {
  if (isNotFound(error)) return null;
  throw error;
}
