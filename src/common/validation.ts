import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return own.concat(flatten(e.children ?? [], field));
  });
}

/** Rejects unknown fields and reports every invalid field at once, in the one error shape. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const details = flatten(errors);
    const summary = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
    return new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `请求数据无效 / Invalid request: ${summary}`,
      details,
    );
  },
});
