import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { DomainError, ErrorCode } from './domain-error';
import { findBadText, MAX_NESTING, nestingDepth } from './input-text';

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
        `请求数据嵌套层数超过 ${MAX_NESTING} / Request body nested deeper than ${MAX_NESTING} levels`,
      );
    }
    const bad = findBadText({ query: request.query, params: request.params, body: request.body });
    if (bad) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `文本含有无法保存的字符 / Invalid text in ${bad.field}: ${bad.problem}`,
        [{ field: bad.field, problems: [bad.problem] }],
      );
    }
    return next.handle();
  }
}
