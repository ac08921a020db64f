import { findBadText, MAX_NESTING, nestingDepth, stringProblem } from './input-text';

describe('input text the database cannot keep', () => {
  it('finds NUL and lone surrogates, and lets real characters through', () => {
    expect(stringProblem('督办 😀 ok')).toBeNull();
    expect(stringProblem('a\u0000b')).toMatch(/NUL/);
    expect(stringProblem('a\ud800b')).toMatch(/surrogate/);
    expect(stringProblem('\udc00')).toMatch(/surrogate/);
    expect(stringProblem('\ud83d\ude00')).toBeNull();
  });

  it('names the field, in nested bodies and in keys', () => {
    expect(findBadText({ text: 'ok', items: [{ title: 'x' }, { title: 'y\u0000' }] })).toEqual({
      field: 'items[1].title',
      problem: expect.stringMatching(/NUL/),
    });
    expect(findBadText({ ['k\ud800']: 1 })).toEqual({
      field: 'k\ud800',
      problem: expect.stringMatching(/^name/),
    });
    expect(findBadText({ a: 1, b: [true, null] })).toBeNull();
  });

  it('measures nesting without recursion, stopping past the limit', () => {
    expect(nestingDepth({ a: [1, { b: 'x' }] })).toBe(3);
    expect(nestingDepth('text')).toBe(0);
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown;
    expect(nestingDepth(deep)).toBe(MAX_NESTING + 1);
  });
});
