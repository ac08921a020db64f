import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { AccessGuard } from '../../src/auth/access.guard';
import { AuthService } from '../../src/auth/auth.service';
import { ALL_ROLES, Role } from '../../src/access/role.enum';
import { PAGE_CONTROLLER } from '../../src/web/page-controller';
import { browserPathOf } from '../../src/web/web-routing';
import { LONG_AGO, startTestApp, type TestApp } from '../support/test-app';

type Rule = 'public' | readonly Role[];
const ANY: readonly Role[] = ALL_ROLES;

/**
 * The access rule of every route, written out by hand. A route that is not in this table fails the test: a new
 * route needs a decision here, reviewed like any other rule.
 */
const EXPECTED: Record<string, Rule> = {
  // Reminders and notifications: calendar overrides and the outbox/queues are admin's; 督办单 are read by the
  // office and the read-only roles; the unsubscribe link is signed, not signed-in.
  'GET /api/calendar/overrides': [Role.Admin],
  'PUT /api/calendar/overrides/:date': [Role.Admin],
  'DELETE /api/calendar/overrides/:date': [Role.Admin],
  'GET /api/notifications/unsubscribe': 'public',
  'GET /api/notifications/preferences': ANY,
  'PUT /api/notifications/preferences': ANY,
  'GET /api/admin/outbox': [Role.Admin],
  'POST /api/admin/outbox/:id/retry': [Role.Admin],
  'POST /api/admin/outbox/retry': [Role.Admin],
  'GET /api/admin/queues': [Role.Admin],
  'GET /api/escalations': [Role.Admin, Role.Office, Role.Leader, Role.Inspector],
  'GET /api/escalations/:id/print': [Role.Admin, Role.Office, Role.Leader, Role.Inspector],
  'GET /api/reminder-policies': [Role.Admin, Role.Office],
  'PUT /api/reminder-policies': [Role.Admin, Role.Office],
  'GET /api/health': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/health/live': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ANY,
  'GET /api/auth/me': ANY,
  'POST /api/auth/password': ANY,
  'GET /api/users': [Role.Admin, Role.Office],
  'POST /api/users': [Role.Admin],
  'PATCH /api/users/:id': [Role.Admin],
  // Reading plans is open to every signed-in role; what each user sees is scoped by PlanScope.
  'GET /api/regions': ANY,
  'GET /api/departments': ANY,
  'GET /api/plans': ANY,
  'GET /api/plans/:id': ANY,
  'GET /api/items': ANY,
  'GET /api/items/overdue': ANY,
  'GET /api/items/due-soon': ANY,
  'GET /api/items/:id': ANY,
  'GET /api/items/:id/history': ANY,
  'GET /api/assignments/mine': ANY,
  // Indicators: statistics are written by the office; evaluations, ledgers and evidence are read by everyone
  // (evidence of an item only when its plan is in the user's scope).
  'POST /api/indicators/imports': [Role.Admin, Role.Office],
  'GET /api/indicators/imports': ANY,
  'GET /api/indicators/jobs/failed': [Role.Admin, Role.Office],
  'GET /api/indicators/ledgers': ANY,
  'GET /api/indicators/ledgers/summary': ANY,
  'GET /api/indicators/template.xlsx': 'public',
  'GET /api/counties/:code/evaluations/:year': ANY,
  'GET /api/counties/:code/evaluations/:year/export.xlsx': ANY,
  'GET /api/items/:id/evidence': ANY,
  // 督办 flow. Item editing: office (within its area) and admin. Department work (签收, reports, extension
  // requests): the assigned department's dept_head/staff, and office/admin acting for their own department —
  // PlanScope refuses the rest per item. Review, extension decisions and 办结: office, leader, admin.
  'POST /api/plans/:id/items': [Role.Admin, Role.Office],
  // Plan drafts (import from the official document): office and admin only.
  'POST /api/plan-drafts': [Role.Admin, Role.Office],
  'GET /api/plan-drafts': [Role.Admin, Role.Office],
  'GET /api/plan-drafts/:id': [Role.Admin, Role.Office],
  'PUT /api/plan-drafts/:id': [Role.Admin, Role.Office],
  'POST /api/plan-drafts/:id/publish': [Role.Admin, Role.Office],
  'POST /api/plan-drafts/:id/discard': [Role.Admin, Role.Office],
  'PATCH /api/items/:id': [Role.Admin, Role.Office],
  'POST /api/items/:id/cancel': [Role.Admin, Role.Office],
  'POST /api/items/:id/assignments': [Role.Admin, Role.Office],
  'DELETE /api/items/:id/assignments': [Role.Admin, Role.Office],
  'POST /api/items/:id/acknowledge': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'GET /api/items/:id/reports': ANY,
  'POST /api/items/:id/reports': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /api/items/:id/extensions': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /api/items/:id/close': [Role.Admin, Role.Office, Role.Leader],
  'GET /api/reports': [Role.Admin, Role.Office, Role.Leader, Role.Inspector],
  'POST /api/reports/:id/review': [Role.Admin, Role.Office, Role.Leader],
  'GET /api/reports/:id/files/:fileId': ANY,
  'GET /api/extensions': [Role.Admin, Role.Office, Role.Leader, Role.Inspector],
  'POST /api/extensions/:id/decision': [Role.Admin, Role.Office, Role.Leader],
  // Web pages (src/web): anonymous visitors are redirected to sign-in instead of answered 401.
  'GET /login': 'public',
  'POST /login': 'public',
  'GET /lang': 'public',
  'POST /logout': ANY,
  'GET /password': ANY,
  'POST /password': ANY,
  'GET /': ANY,
  'GET /items': ANY,
  'GET /items/:id': ANY,
  'GET /counties/:code/evaluations/:year': ANY,
  // The 督办 flow's page forms: the same rules as the API routes they share services with.
  'POST /items/:id/acknowledge': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /items/:id/reports': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /items/:id/extensions': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /items/:id/close': [Role.Admin, Role.Office, Role.Leader],
  'POST /items/:id/assignments': [Role.Admin, Role.Office],
  'POST /items/:id/assignments/remove': [Role.Admin, Role.Office],
  'POST /reports/:id/review': [Role.Admin, Role.Office, Role.Leader],
  'POST /extensions/:id/decision': [Role.Admin, Role.Office, Role.Leader],
  'GET /office': [Role.Admin, Role.Office],
  'GET /office/notice/:id': [Role.Admin, Role.Office],
  'GET /admin/mail': [Role.Admin],
  'POST /admin/mail/retry': [Role.Admin],
  'GET /import': [Role.Admin, Role.Office],
  'POST /import': [Role.Admin, Role.Office],
  'GET /plans/drafts': [Role.Admin, Role.Office],
  'POST /plans/drafts': [Role.Admin, Role.Office],
  'GET /plans/drafts/:id': [Role.Admin, Role.Office],
  'POST /plans/drafts/:id': [Role.Admin, Role.Office],
  'POST /plans/drafts/:id/publish': [Role.Admin, Role.Office],
  'POST /plans/drafts/:id/discard': [Role.Admin, Role.Office],
  'GET /dashboard': [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  'GET /dashboard/pack': [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  'GET /dashboard/pack.xlsx': [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
};

interface Route {
  method: string;
  path: string;
  /** a web page: errors are pages, anonymous visitors are redirected to /login */
  page: boolean;
}

/** Every controller route the application registered, read from Nest's metadata. */
function discoverRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const page = Reflect.getMetadata(PAGE_CONTROLLER, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const joined = [base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/');
        const full = page ? browserPathOf(`/${joined}`) : `/api/${joined}`;
        routes.push({ method: RequestMethod[method], path: full, page });
      }
    }
  }
  return routes;
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('access rules: every route × every role', () => {
  let t: TestApp;
  let routes: Route[];
  const tokens = new Map<Role, string>();
  let expired: string;

  beforeAll(async () => {
    t = await startTestApp();
    routes = discoverRoutes(t);
    for (const role of ALL_ROLES) tokens.set(role, await t.sessionFor(await t.createUser(role)));
    expired = await t.sessionFor(await t.createUser(Role.Admin), { expiresAt: LONG_AGO });
  });
  afterAll(() => t?.close());

  it('every registered route has a written expectation, and every expectation a route', () => {
    const found = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(found).toEqual(Object.keys(EXPECTED).sort());
  });

  it('without a token only public routes answer; with an expired token none of the others', async () => {
    for (const { method, path, page } of routes) {
      const rule = EXPECTED[`${method} ${path}`];
      const anonymous = await t.request({ method: method as 'GET', url: concrete(path), payload: {} });
      const stale = await t.request({
        method: method as 'GET',
        url: concrete(path),
        payload: {},
        headers: { authorization: `Bearer ${expired}` },
      });
      if (rule === 'public') {
        expect([anonymous.statusCode, `${method} ${path}`]).not.toEqual([401, `${method} ${path}`]);
      } else if (page) {
        // Pages send the browser to sign-in (saying so when the session has expired).
        expect([anonymous.statusCode, `${method} ${path}`]).toEqual([302, `${method} ${path}`]);
        expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
        expect([stale.statusCode, `${method} ${path}`]).toEqual([302, `${method} ${path}`]);
        expect(stale.headers.location).toMatch(/^\/login\?next=.*&expired=1$/);
      } else {
        expect([anonymous.statusCode, anonymous.json().error, `${method} ${path}`]).toEqual([
          401,
          'AUTH.REQUIRED',
          `${method} ${path}`,
        ]);
        expect([stale.statusCode, stale.json().error, `${method} ${path}`]).toEqual([
          401,
          'AUTH.SESSION_EXPIRED',
          `${method} ${path}`,
        ]);
      }
    }
  });

  it('each role reaches exactly the routes its rule names', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const { method, path, page } of routes) {
      const rule = EXPECTED[`${method} ${path}`];
      if (rule === 'public') continue;
      for (const role of ALL_ROLES) {
        // Sign-out and password change would end the shared session: give them a session of their own.
        const token = /logout|password/.test(path)
          ? await t.sessionFor(await t.createUser(role))
          : tokens.get(role)!;
        const res = await t.request({
          method: method as 'GET',
          url: concrete(path),
          payload: {},
          headers: { authorization: `Bearer ${token}` },
        });
        // A page answers a refusal with a 403 page, the API with its JSON error.
        const denied = res.statusCode === 403 && (page || res.json().error === 'AUTH.FORBIDDEN');
        expect(res.statusCode).not.toBe(401);
        outcomes.push(`${method} ${path} ${role}: ${denied ? 'denied' : 'allowed'}`);
        expected.push(`${method} ${path} ${role}: ${rule.includes(role) ? 'allowed' : 'denied'}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('a route without a rule is closed to everyone, admin included', async () => {
    const guard = new AccessGuard(t.app.get(Reflector), t.app.get(AuthService));
    const handler = function unguarded() {};
    const context = {
      getHandler: () => handler,
      getClass: () => class NoRules {},
      switchToHttp: () => ({
        getRequest: () => ({ headers: { authorization: `Bearer ${tokens.get(Role.Admin)}` }, method: 'GET' }),
      }),
    };
    await expect(guard.canActivate(context as never)).rejects.toMatchObject({ code: 'AUTH.NO_RULE' });
  });
});
