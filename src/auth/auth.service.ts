import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import type { Env } from '../config/env.schema';
import { DomainError, ErrorCode } from '../common/domain-error';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { AuditService, systemActor } from '../audit/audit.service';
import { LoginThrottle } from './login-throttle';
import { hashPassword, passwordProblemSummary, passwordProblems, verifyPassword } from '../users/password';
import { Session } from './session.entity';
import { csrfTokenFor, hashToken, newSessionToken } from './session-token';
import { msg } from '../common/i18n/catalog';

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'departmentId' | 'locale'>;
}

const INVALID = msg('auth.invalid_credentials');

@Injectable()
export class AuthService {
  private readonly ttlMs: number;
  /** Verified against when the account does not exist, so both failures take the same time. */
  private readonly decoyHash: Promise<string> = hashPassword('decoy-password-never-valid-0');

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    config: ConfigService<Env, true>,
  ) {
    this.ttlMs = config.get('SESSION_TTL_HOURS', { infer: true }) * 3600_000;
  }

  async signIn(
    email: string,
    password: string,
    client: { ip: string; userAgent?: string },
  ): Promise<SignedIn> {
    const normalized = email.trim().toLowerCase();
    await this.throttle.check(client.ip, normalized);
    const user = await this.users.findWithPassword(normalized);
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok || !user.isActive) {
      await this.failed('auth.sign_in_failed', client.ip, normalized, user?.id ?? null);
      throw new DomainError(ErrorCode.AUTH_INVALID_CREDENTIALS, INVALID);
    }
    await this.throttle.succeeded(client.ip, normalized);

    const token = newSessionToken();
    const session = await this.sessions.save(
      this.sessions.create({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + this.ttlMs),
        revokedAt: null,
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const { id, name, role, departmentId, locale } = user;
    return {
      token,
      csrfToken: csrfTokenFor(token),
      expiresAt: session.expiresAt,
      user: { id, email: user.email, name, role, departmentId, locale },
    };
  }

  /** Resolves a token to its user; distinguishes an expired session so the page can say so. */
  async authenticate(token: string, via: AuthenticatedUser['via']): Promise<AuthenticatedUser> {
    // One statement per request: findOne with a relation adds a DISTINCT id query first (TypeORM's `take`).
    const session = await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.user', 'u')
      .where('s.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!session || session.revokedAt || !session.user?.isActive) {
      throw new DomainError(ErrorCode.AUTH_REQUIRED, msg('auth.sign_in_required'));
    }
    if (session.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(ErrorCode.AUTH_SESSION_EXPIRED, msg('auth.session_expired'));
    }
    const u = session.user;
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      departmentId: u.departmentId,
      regionCode: u.regionCode,
      locale: u.locale,
      sessionId: session.id,
      via,
    };
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Counts a failure (LoginThrottle) and audits it, and the lockout it causes: who was tried, from where.
   * `userId` null: no such account (the address is what the log keeps).
   */
  private async failed(action: string, ip: string, account: string, userId: string | null): Promise<void> {
    const outcome = await this.throttle.failed(ip, account);
    const entry = (what: string, after: Record<string, unknown>) => ({
      actor: userId ? { userId, label: account } : systemActor(account.slice(0, 100)),
      entityType: 'user',
      entityId: (userId ?? account).slice(0, 64),
      action: what,
      changes: Object.entries(after).map(([field, value]) => ({
        field,
        before: null,
        after: value as string | number,
      })),
      source: `sign-in from ${ip}`.slice(0, 300),
    });
    await this.audit.record([
      entry(action, { address: ip, ...(outcome.delaySeconds ? { delaySeconds: outcome.delaySeconds } : {}) }),
      ...(outcome.lockedOut ? [entry('auth.locked_out', { address: ip })] : []),
    ]);
  }

  /** Changing the password ends every other session of the user; wrong current passwords are throttled. */
  async changePassword(
    user: AuthenticatedUser,
    current: string,
    next: string,
    client: { ip: string },
  ): Promise<void> {
    await this.throttle.check(client.ip, user.email);
    const stored = await this.users.findWithPassword(user.email);
    if (!stored || !(await verifyPassword(stored.passwordHash, current))) {
      await this.failed('auth.password_change_failed', client.ip, user.email, user.id);
      throw new DomainError(ErrorCode.AUTH_INVALID_CREDENTIALS, msg('auth.current_password_wrong'));
    }
    await this.throttle.succeeded(client.ip, user.email);
    const problems = passwordProblems(next);
    if (problems.length)
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('auth.new_password_weak', { problem: passwordProblemSummary(problems) }),
        [{ field: 'newPassword', problems }],
      );
    await this.users.setPassword(user.id, next);
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND id <> :sessionId AND revoked_at IS NULL', {
        userId: user.id,
        sessionId: user.sessionId,
      })
      .execute();
  }

  /** Deletes sessions that ended more than `olderThanDays` ago (maintenance job). */
  async purgeEndedSessions(olderThanDays: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanDays * 86400_000);
    const expired = await this.sessions.delete({ expiresAt: LessThan(cutoff) });
    const revoked = await this.sessions.delete({ revokedAt: LessThan(cutoff) });
    return (expired.affected ?? 0) + (revoked.affected ?? 0);
  }
}
