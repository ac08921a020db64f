import { hash, verify } from '@node-rs/argon2';
import { type Message, msg } from '../common/i18n/catalog';

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
export function passwordProblems(password: string): Message[] {
  const problems: Message[] = [];
  if (password.length < 10) problems.push(msg('users.password_too_short'));
  if (password.length > 200) problems.push(msg('users.password_too_long'));
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push(msg('users.password_letters_digits'));
  return problems;
}

/** The one problem, or the whole rule when several apply — the parameter of a "password refused" message. */
export function passwordProblemSummary(problems: readonly Message[]): Message {
  return problems.length === 1 ? problems[0] : msg('users.password_rules');
}
