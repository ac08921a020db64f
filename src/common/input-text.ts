/**
 * Text the database cannot keep, found before it gets there: PostgreSQL refuses NUL in text and jsonb, and a
 * lone UTF-16 surrogate is no character at all (it would be stored as U+FFFD, or refused inside jsonb).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string, or null. */
export function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not a character)';
  return null;
}

/**
 * The first string (value or key) in a parsed body or query that the database cannot keep, with its path
 * (`text`, `items[2].title`); null when there is none.
 */
export function findBadText(value: unknown, path = ''): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? { field: path || '(body)', problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const keyProblem = stringProblem(key);
      if (keyProblem) return { field, problem: `name ${keyProblem}` };
      const found = findBadText(inner, field);
      if (found) return found;
    }
  }
  return null;
}

/** Deepest body accepted: real bodies nest a few levels; 5,000 levels overflow the validators' recursion. */
export const MAX_NESTING = 64;

/** How deeply a parsed body nests objects and arrays (iteratively: a hostile body must not overflow the stack). */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (!current || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING) return deepest;
    for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
  }
  return deepest;
}
