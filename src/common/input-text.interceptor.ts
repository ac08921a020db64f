import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { DomainError, ErrorCode } from './domain-error';
import { msg } from './i18n/catalog';
import { findBadText, MAX_NESTING, nestingDepth } from './input-text';
import { fieldLabel } from './validation';

/**
 * Every route, before its pipes: a body nested deeper than MAX_NESTING is a 400; and a query or body string the database cannot keep (NUL, a lone surrogate) is a
 * 400 naming the field, not a failed INSERT (500) or a silently altered text.
 */
@Injectable()
export class InputTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context
      .switchToHttp()
      .getRequest<{ query?: unknown; body?: unknown; params?: unknown }>();
    // The body's depth first: walking (and validating) 5,000 levels would overflow the stack.
    if (nestingDepth(request.body) > MAX_NESTING) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('validation.body_too_deep', { levels: MAX_NESTING }),
      );
    }
    const bad = findBadText({ query: request.query, params: request.params, body: request.body });
    if (bad) {
      const field = fieldLabel(bad.field);
      const problem = /NUL/.test(bad.problem)
        ? 'validation.bad_text.nul'
        : /surrogate/.test(bad.problem)
          ? 'validation.bad_text.surrogate'
          : 'validation.bad_text.other';
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('validation.bad_text', { field }), [
        { field: bad.field, problems: [msg(problem)] },
      ]);
    }
    return next.handle();
  }
}
