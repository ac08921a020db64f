import { Get, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Public } from '../access/access.decorators';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { SESSION_COOKIE } from '../auth/session-token';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { Env } from '../config/env.schema';
import { LANG_COOKIE, Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { loginPage, passwordPage } from './pages/auth.pages';
import { safeNext } from './web-routing';

type Form = Record<string, string | undefined>;
const formOf = (request: FastifyRequest): Form => (request.body ?? {}) as Form;

/** Sign-in, sign-out, password change and the language switch, through AuthService like the API. */
@PageController()
export class AuthPagesController {
  private readonly secureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    config: ConfigService<Env, true>,
  ) {
    this.secureCookie =
      config.get('COOKIE_SECURE', { infer: true }) ??
      config.get('PUBLIC_URL', { infer: true }).startsWith('https:');
  }

  @Get('login')
  @Public()
  login(@Page() ctx: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const query = request.query as Form;
    sendPage(
      reply,
      loginPage(ctx, {
        next: safeNext(query.next),
        expired: query.expired === '1',
        signedOut: query.out === '1',
      }),
    );
  }

  @Post('login')
  @Public()
  async signIn(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = formOf(request);
    const next = safeNext(form.next);
    const email = String(form.email ?? '').slice(0, 254);
    try {
      const signedIn = await this.auth.signIn(email, String(form.password ?? ''), {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      void reply.setCookie(SESSION_COOKIE, signedIn.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secureCookie,
        path: '/',
        expires: signedIn.expiresAt,
      });
      return redirect(reply, next);
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === ErrorCode.AUTH_INVALID_CREDENTIALS || error.code === ErrorCode.AUTH_RATE_LIMITED)
      ) {
        if (error.headers) void reply.headers(error.headers);
        const status = error.code === ErrorCode.AUTH_RATE_LIMITED ? 429 : 200;
        return sendPage(reply, loginPage(ctx, { next, email, error: error.messageIn(ctx.locale) }), status);
      }
      throw error;
    }
  }

  @Post('logout')
  @Authenticated()
  async signOut(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOut(user.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    redirect(reply, '/login?out=1');
  }

  @Get('password')
  @Authenticated()
  password(@Page() ctx: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendPage(reply, passwordPage(ctx, { done: (request.query as Form).done === '1' }));
  }

  @Post('password')
  @Authenticated()
  async changePassword(
    @Page() ctx: PageContext,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = formOf(request);
    try {
      await this.auth.changePassword(
        user,
        String(form.currentPassword ?? ''),
        String(form.newPassword ?? ''),
        { ip: request.ip },
      );
      redirect(reply, '/password?done=1');
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === ErrorCode.AUTH_INVALID_CREDENTIALS || error.code === ErrorCode.VALIDATION_FAILED)
      ) {
        return sendPage(reply, passwordPage(ctx, { error: error.messageIn(ctx.locale) }), 400);
      }
      throw error;
    }
  }

  /** Remembers the chosen language in a cookie and goes back. */
  @Get('lang')
  @Public()
  language(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const query = request.query as Form;
    void reply.setCookie(LANG_COOKIE, query.to === 'en' ? 'en' : 'zh', {
      path: '/',
      sameSite: 'lax',
      maxAge: 365 * 86400,
    });
    redirect(reply, safeNext(query.next), 302);
  }
}
