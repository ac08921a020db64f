import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error';
import { ACCESS_RULE, type AccessRule } from '../access/access.decorators';
import { AuthService } from './auth.service';
import { csrfTokenFor, SESSION_COOKIE, sameToken } from './session-token';
import { msg } from '../common/i18n/catalog';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the session token from `Authorization: Bearer …` or the httpOnly session cookie. */
export function sessionTokenOf(request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Deny by default: a route is reachable only with an explicit `@Public()` or `@Roles(...)` rule. Applied
 * globally, so a forgotten decorator closes a route instead of opening it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new DomainError(ErrorCode.AUTH_NO_RULE, msg('auth.no_access_rule'));
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = sessionTokenOf(request);
    if (!presented) throw new DomainError(ErrorCode.AUTH_REQUIRED, msg('auth.sign_in_required'));
    const user = await this.auth.authenticate(presented.token, presented.via);
    request.user = user;

    if (presented.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent =
        request.headers['x-csrf-token'] ?? (request.body as { _csrf?: unknown } | undefined)?._csrf;
      if (typeof sent !== 'string' || !sameToken(sent, csrfTokenFor(presented.token))) {
        throw new DomainError(ErrorCode.AUTH_CSRF, msg('auth.csrf_invalid'));
      }
    }
    if (!rule.roles.includes(user.role)) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('auth.forbidden'));
    }
    return true;
  }
}
