import type { Locale } from '../common/locale';
import type { Role } from './role.enum';

/** Who is making the request, as the guard resolved it from the session. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
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
