import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, nullWhenNotFound, replaceNotFound } from './domain-error';

describe('replaceNotFound / nullWhenNotFound', () => {
  const missing = new DomainError(ErrorCode.NOT_FOUND, '没有此部门');
  const outage = new QueryFailedError('SELECT 1', [], new Error('connection terminated unexpectedly'));

  it('turns only "no such row" into the replacement', async () => {
    const replaced = Promise.reject(missing).catch(
      replaceNotFound(() => new DomainError(ErrorCode.VALIDATION_FAILED, '没有此部门')),
    );
    await expect(replaced).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });

  it('rethrows a database outage unchanged, so it stays a 5xx', async () => {
    const replaced = Promise.reject(outage).catch(
      replaceNotFound(() => new DomainError(ErrorCode.NOT_FOUND, '没有此报告')),
    );
    await expect(replaced).rejects.toBe(outage);
    await expect(Promise.reject(outage).catch(nullWhenNotFound)).rejects.toBe(outage);
  });

  it('answers null for "no such row" in an optional lookup', async () => {
    await expect(Promise.reject(missing).catch(nullWhenNotFound)).resolves.toBeNull();
  });
});
