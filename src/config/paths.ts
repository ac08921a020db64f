import * as path from 'node:path';

/** Repository root, the same from `src/config` (ts-node, jest) and `dist/config` (built). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
