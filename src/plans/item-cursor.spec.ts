import { DomainError } from '../common/domain-error';
import { decodeCursor, encodeCursor } from './item-cursor';

describe('item cursors', () => {
  it('round-trip the sort key values', () => {
    const values = ['2025-12-31', '3f1c1e4e-55a0-4c62-9a57-2d6a6c7c1d11'];
    expect(decodeCursor('due', encodeCursor('due', values))).toEqual(values);
  });

  it('are opaque base64url', () => {
    expect(encodeCursor('updated', ['2026-01-01 00:00:00.123456+00', 'x'])).toMatch(/^[\w-]+$/);
  });

  it('refuse garbage and cursors of another sort', () => {
    expect(() => decodeCursor('due', 'not-a-cursor')).toThrow(DomainError);
    expect(() => decodeCursor('due', encodeCursor('-due', ['2025-12-31', 'x']))).toThrow(DomainError);
    expect(() => decodeCursor('number', encodeCursor('number', ['2021-11-24']))).toThrow(DomainError);
  });
});
