import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';

/** The weak ETag of an item version: `W/"7"`. */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * The version an `If-Match` header names (`W/"7"`, `"7"` or `7`).
 * @throws 428 PRECONDITION_REQUIRED when absent; 412 VERSION_CONFLICT when it is not a version
 */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !value.trim()) {
    throw new DomainError(ErrorCode.PRECONDITION_REQUIRED, msg('plans.if_match_required'));
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, msg('plans.if_match_invalid', { value }));
  }
  return Number(match[1]);
}

/** @throws DomainError VERSION_CONFLICT (412) when someone changed the item since the caller read it */
export function assertVersion(current: number, expected: number): void {
  if (current !== expected) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, msg('plans.version_conflict', { current, expected }), {
      currentVersion: current,
      etag: etagOf(current),
    });
  }
}
