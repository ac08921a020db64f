import type { Locale } from '../common/locale';
import type { Role } from './role.enum';

/** Who is making the request, as the guard resolved it from the session. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
  /** The root of the user's area when set on the user (otherwise their department's region). */
  regionCode: string | null;
  locale: Locale;
  sessionId: string;
  /** How the session token arrived; cookie-authenticated writes must carry the CSRF token. */
  via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthenticatedUser;
  }
}
