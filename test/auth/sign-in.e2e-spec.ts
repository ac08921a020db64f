import { DataSource } from 'typeorm';
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
      payload: { email: 'never-created@test.duban', password: 'nope-nope-1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...w } = wrong.json() as Record<string, unknown>;
    const { requestId: _b, ...u } = unknown.json() as Record<string, unknown>;
    expect(w).toEqual(u);
    expect(w).toEqual({
      statusCode: 401,
      error: 'AUTH.INVALID_CREDENTIALS',
      message: '邮箱或密码错误',
      messageKey: 'auth.invalid_credentials',
    });
    // A reader who chose English gets the English text only.
    const english = await t.request({
      method: 'POST',
      url: '/api/auth/login?lang=en',
      payload: { email: user.email, password: 'nope-nope-1' },
    });
    expect(english.json()).toMatchObject({
      message: 'Invalid email or password',
      messageKey: 'auth.invalid_credentials',
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

  const signInFrom = (email: string, password: string, remoteAddress: string, headers = {}) =>
    t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress,
      headers,
    });
  const auditOf = (entityId: string) =>
    t.app
      .get(DataSource)
      .query<Array<{ action: string; changes: Array<{ field: string; after: unknown }> }>>(
        'SELECT action, changes FROM audit_entries WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq',
        ['user', entityId],
      );

  it('counts failures only: one office address signs in all day', async () => {
    const users = await Promise.all([1, 2, 3].map(() => t.createUser(Role.Staff)));
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const u of users) statuses.push((await signInFrom(u.email, TEST_PASSWORD, '10.1.1.1')).statusCode);
    }
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it('believes no X-Forwarded-For by default: rotating it does not give a fresh address', async () => {
    const user = await t.createUser(Role.Staff);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await signInFrom(user.email, 'wrong-password-9', '10.2.2.2', {
        'x-forwarded-for': `198.51.100.${i}`,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.changes.find((c) => c.field === 'address')?.after)).toEqual(
      Array(audit.length).fill('10.2.2.2'),
    );
  });

  it('a stranger cannot lock the owner out: the pair is refused, the account only waits a growing delay', async () => {
    const owner = await t.createUser(Role.Staff);
    // The stranger exhausts one address, then goes on from others.
    const stranger: number[] = [];
    for (const address of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'])
      stranger.push((await signInFrom(owner.email, 'wrong-password-9', address)).statusCode);
    expect(stranger).toEqual([401, 401, 401, 429, 401]);
    // 4 failures on the account with a limit of 3: the account waits 1 s, from any address.
    const waiting = await signInFrom(owner.email, TEST_PASSWORD, '10.3.3.3');
    expect(waiting.statusCode).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await signInFrom(owner.email, TEST_PASSWORD, '10.3.3.3')).statusCode).toBe(200);
    // The stranger's address stays refused for this account.
    expect((await signInFrom(owner.email, TEST_PASSWORD, '203.0.113.1')).statusCode).toBe(429);
    // Audited: each failure with its address, the lockout once, the delay as it grows.
    const audit = await auditOf(owner.id);
    expect(audit.map((a) => a.action)).toEqual([
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.locked_out',
      'auth.sign_in_failed',
    ]);
    expect(audit[3].changes).toEqual([{ field: 'address', before: null, after: '203.0.113.1' }]);
    expect(audit[4].changes).toEqual([
      { field: 'address', before: null, after: '203.0.113.2' },
      { field: 'delaySeconds', before: null, after: 1 },
    ]);
  });

  it('audits failures on unknown accounts by the address and the name tried', async () => {
    expect((await signInFrom('unknown-account@test.duban', 'wrong-password-9', '10.4.4.4')).statusCode).toBe(
      401,
    );
    expect(await auditOf('unknown-account@test.duban')).toEqual([
      { action: 'auth.sign_in_failed', changes: [{ field: 'address', before: null, after: '10.4.4.4' }] },
    ]);
  });

  it('throttles wrong current passwords on POST /api/auth/password', async () => {
    const user = await t.createUser(Role.Staff);
    const token = await t.signIn(user.email);
    const change = (currentPassword: string) =>
      t.request({
        method: 'POST',
        url: '/api/auth/password',
        headers: { authorization: `Bearer ${token}` },
        payload: { currentPassword, newPassword: 'a-new-passw0rd' },
        remoteAddress: '10.5.5.5',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await change('wrong-password-9')).statusCode);
    const limited = await change(TEST_PASSWORD);
    expect([...statuses, limited.statusCode]).toEqual([401, 401, 401, 429]);
    expect(limited.json()).toMatchObject({ error: 'AUTH.RATE_LIMITED' });
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual([
      'auth.password_change_failed',
      'auth.password_change_failed',
      'auth.password_change_failed',
      'auth.locked_out',
    ]);
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
    // 'short' breaks two rules: the message states the whole rule, the details name each problem.
    expect(weak.json()).toMatchObject({
      messageKey: 'auth.new_password_weak',
      message: '新密码不符合要求：密码须为 10 至 200 个字符，且同时包含字母和数字',
      details: [{ field: 'newPassword', problems: ['至少 10 个字符', '须同时包含字母和数字'] }],
    });
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

describe('sign-in behind a configured proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '10.9.0.1' } });
  });
  afterAll(() => t?.close());

  it('takes the client address from X-Forwarded-For only when the proxy sent it', async () => {
    const user = await t.createUser(Role.Staff);
    const fail = (remoteAddress: string) =>
      t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'wrong-password-9' },
        remoteAddress,
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
    await fail('10.9.0.1');
    await fail('10.9.0.2');
    const rows = await t.app
      .get(DataSource)
      .query<Array<{ changes: Array<{ after: unknown }> }>>(
        `SELECT changes FROM audit_entries WHERE entity_id = $1 AND action = 'auth.sign_in_failed' ORDER BY seq`,
        [user.id],
      );
    expect(rows.map((r) => r.changes[0].after)).toEqual(['198.51.100.7', '10.9.0.2']);
  });
});

describe('redirects after sign-in and language choice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('follows only paths of this site, never a raw control or non-ASCII byte in Location', async () => {
    const lang = async (next: string) => {
      const res = await t.request({ method: 'GET', url: `/lang?to=en&next=${next}` });
      return `${res.statusCode} ${String(res.headers.location)}`;
    };
    expect([
      await lang('/%09/evil.example'),
      await lang('/%0A/evil.example'),
      await lang('/%5C/evil.example'),
      await lang('//evil.example'),
      await lang('/items%0D%0ASet-Cookie:%20x=1'),
      await lang('/items%3Fq%3D%E5%A4%A7%E7%8F%AD%E9%A2%9D'),
      await lang('/items/1%3Fx%3D2'),
    ]).toEqual([
      '302 /',
      '302 /',
      '302 /',
      '302 /',
      '302 /itemsSet-Cookie:%20x=1',
      '302 /items?q=%E5%A4%A7%E7%8F%AD%E9%A2%9D',
      '302 /items/1?x=2',
    ]);
    const user = await t.createUser(Role.Staff);
    const login = async (next: string) => {
      const res = await t.request({
        method: 'POST',
        url: '/login',
        payload: { email: user.email, password: TEST_PASSWORD, next },
      });
      return `${res.statusCode} ${String(res.headers.location)}`;
    };
    expect([await login('/\t/evil.example'), await login('/items?q=大班额\r\n')]).toEqual([
      '303 /',
      '303 /items?q=%E5%A4%A7%E7%8F%AD%E9%A2%9D',
    ]);
  });
});
