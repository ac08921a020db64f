import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP-recommended memory and time cost). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Rules for a new password, in one place for the CLI, the API and the password page. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('至少 10 个字符 / at least 10 characters');
  if (password.length > 200) problems.push('最多 200 个字符 / at most 200 characters');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password))
    problems.push('须同时包含字母和数字 / must contain letters and digits');
  return problems;
}
