import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Env } from '../config/env.schema';
import { Authenticated, CurrentUser, Public } from '../access/access.decorators';
import { ChangePasswordDto, SignInDto } from './auth.dto';
import { AuthService, type SignedIn } from './auth.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { SESSION_COOKIE } from './session-token';

/**
 * Sign-in issues an opaque session token, both as an httpOnly cookie (the web pages) and in the body (API
 * clients use `Authorization: Bearer`). Chosen over JWT because a government deployment must be able to end a
 * session at once (sign-out, password change, deactivated user); the cost is one indexed lookup per request.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly secureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    config: ConfigService<Env, true>,
  ) {
    this.secureCookie =
      config.get('COOKIE_SECURE', { infer: true }) ??
      config.get('PUBLIC_URL', { infer: true }).startsWith('https:');
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedIn> {
    const signedIn = await this.auth.signIn(body.email, body.password, {
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
    return signedIn;
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  async logout(
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.signOut(user.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Authenticated()
  me(@CurrentUser() user: AuthenticatedUser): Omit<AuthenticatedUser, 'sessionId'> {
    const { sessionId: _sessionId, ...rest } = user;
    return rest;
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword, { ip: request.ip });
  }
}
