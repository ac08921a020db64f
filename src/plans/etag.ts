import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error';

/** The weak ETag of an item version: `W/"7"`. */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * The version an `If-Match` header names (`W/"7"`, `"7"` or `7`).
 * @throws 428 PRECONDITION_REQUIRED when absent; 412 VERSION_CONFLICT when it is not a version
 */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !value.trim()) {
    throw new HttpException(
      '修改任务须带 If-Match（先 GET 得到 ETag） / Send If-Match with the ETag of the item you read',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, `If-Match 无效 / If-Match "${value}" names no version`);
  }
  return Number(match[1]);
}

/** @throws DomainError VERSION_CONFLICT (412) when someone changed the item since the caller read it */
export function assertVersion(current: number, expected: number): void {
  if (current !== expected) {
    throw new DomainError(
      ErrorCode.VERSION_CONFLICT,
      `任务已被他人修改，请刷新后重试 / The item was changed by someone else (version ${current}, you sent ${expected}); reload and retry`,
      { currentVersion: current, etag: etagOf(current) },
    );
  }
}
