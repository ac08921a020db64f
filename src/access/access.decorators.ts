import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ALL_ROLES, type Role } from './role.enum';
import type { AuthenticatedUser } from './authenticated-user';

export const ACCESS_RULE = 'duban:access-rule';

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Reachable without signing in (sign-in itself, health). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Reachable by signed-in users with one of these roles. Routes without a rule are not reachable at all. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** Any signed-in user, whatever the role. */
export const Authenticated = (): MethodDecorator & ClassDecorator => Roles(...ALL_ROLES);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedUser => {
    const request = ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
    if (!request.user) throw new Error('CurrentUser used on a route that does not authenticate');
    return request.user;
  },
);
