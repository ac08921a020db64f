import { Role } from '../../src/access/role.enum';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

describe('sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t?.close());

  it('signs in with the right password: session cookie, bearer token and CSRF token', async () => {
    const user = await t.createUser(Role.DeptHead, { email: 'Head@Example.gov.cn', name: '张局长' });
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'head@example.gov.cn', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { token: string; csrfToken: string; user: { id: string; role: string } };
    expect(body.user).toMatchObject({ id: user.id, role: 'dept_head' });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(JSON.stringify(body)).not.toContain('passwordHash');

    const me = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'head@example.gov.cn', name: '张局长', via: 'bearer' });

    const viaCookie = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { duban_session: body.token },
    });
    expect(viaCookie.json()).toMatchObject({ via: 'cookie' });
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const user = await t.createUser(Role.Staff);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'nope-nope-1' },
    });
    const unknown = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@test.duban', password: 'nope-nope-1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...w } = wrong.json() as Record<string, unknown>;
    const { requestId: _b, ...u } = unknown.json() as Record<string, unknown>;
    expect(w).toEqual(u);
    expect(w).toEqual({
      statusCode: 401,
      error: 'AUTH.INVALID_CREDENTIALS',
      message: '邮箱或密码错误 / Invalid email or password',
    });
  });

  it('refuses a deactivated user', async () => {
    const user = await t.createUser(Role.Staff);
    await t.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { authorization: `Bearer ${await t.signIn((await t.createUser(Role.Admin)).email)}` },
      payload: { isActive: false },
    });
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });

  it('rate-limits repeated attempts on one account, even with the right password afterwards', async () => {
    const user = await t.createUser(Role.Staff);
    const attempt = (password: string) =>
      t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password },
        remoteAddress: '10.9.8.7',
      });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password-9')).statusCode).toBe(401);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'AUTH.RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('rejects malformed sign-in bodies with the one error shape', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'x', admin: true },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; details: Array<{ field: string }> };
    expect(body.error).toBe('VALIDATION.FAILED');
    expect(body.details.map((d) => d.field).sort()).toEqual(['admin', 'email']);
  });

  it('signs out: the token stops working', async () => {
    const user = await t.createUser(Role.Leader);
    const token = await t.signIn(user.email);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(
      204,
    );
    const after = await t.request({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'AUTH.REQUIRED' });
  });

  it('requires the CSRF token for writes authenticated by cookie', async () => {
    const user = await t.createUser(Role.Staff);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const { token, csrfToken } = login.json() as { token: string; csrfToken: string };
    const without = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { duban_session: token },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ error: 'AUTH.CSRF' });
    const forged = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { duban_session: token },
      headers: { 'x-csrf-token': 'A'.repeat(43) },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { duban_session: token },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(ok.statusCode).toBe(204);
  });

  it('changes the password and ends the other sessions', async () => {
    const user = await t.createUser(Role.Office);
    const first = await t.signIn(user.email);
    const second = await t.signIn(user.email);
    const weak = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${first}` },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${first}` },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-passw0rd' },
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await t.request({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${first}` } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.request({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${second}` },
        })
      ).statusCode,
    ).toBe(401);
    await expect(t.signIn(user.email, 'a-new-passw0rd')).resolves.toEqual(expect.any(String));
  });
});
