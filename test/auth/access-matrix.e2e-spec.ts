import { Reflector } from '@nestjs/core';
import { AccessGuard } from '../../src/auth/access.guard';
import { AuthService } from '../../src/auth/auth.service';
import { ALL_ROLES, Role } from '../../src/access/role.enum';
import { DataSource } from 'typeorm';
import { systemActor } from '../../src/audit/audit.service';
import { DepartmentsService } from '../../src/departments/departments.service';
import { departmentId, importSeed } from '../plans/plan-test-support';
import { multipart } from '../supervision/flow-support';
import { LONG_AGO, startTestApp, type TestApp } from '../support/test-app';
import { TEST_NOW } from '../support/test-clock';
import { discoverRoutes, type Route } from '../support/routes';

const YINCHUAN = 'yinchuan-2021-quality-balance';
const JINZHONG = 'jinzhong-2017-urban-rural-integration';

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
  'GET /api/calendar/coverage': [Role.Admin],
  'PUT /api/calendar/years/:year': [Role.Admin],
  'GET /api/notifications/unsubscribe': 'public',
  'POST /api/notifications/unsubscribe': 'public',
  'GET /api/notifications/preferences': ANY,
  'PUT /api/notifications/preferences': ANY,
  'GET /api/admin/outbox': [Role.Admin],
  'POST /api/admin/outbox/:id/retry': [Role.Admin],
  'POST /api/admin/outbox/retry': [Role.Admin],
  'GET /api/admin/queues': [Role.Admin],
  'GET /api/escalations': [Role.Admin, Role.Office, Role.Leader, Role.Inspector],
  'GET /api/escalations/:id/print': [
    Role.Admin,
    Role.Office,
    Role.Leader,
    Role.Inspector,
    Role.DeptHead,
    Role.Staff,
  ],
  'GET /api/reminder-policies': [Role.Admin, Role.Office],
  'PUT /api/reminder-policies': [Role.Admin, Role.Office],
  'DELETE /api/reminder-policies': [Role.Admin, Role.Office],
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
  // 达标测算: read by every role within its regions (404 outside); published into a plan by the office.
  'GET /api/indicators/certification-plan/:code/:year': ANY,
  'POST /api/indicators/certification-plan/:code/:year/what-if': ANY,
  'POST /api/indicators/certification-plan/:code/:year/what-if.xlsx': ANY,
  'GET /api/indicators/certification-plan/:code/:year/plan.xlsx': ANY,
  'POST /api/indicators/certification-plan/:code/:year/publish': [Role.Admin, Role.Office],
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
  // 办理时限 per department and the bulk fill of missing dates: item editing, so office and admin.
  'PUT /api/items/:id/assignments/due': [Role.Admin, Role.Office],
  'POST /api/items/deadlines': [Role.Admin, Role.Office],
  // Numbered 督办件 and 催办 are the office's; 反馈 is the assigned department's (PlanScope per item).
  'GET /api/items/:id/notices': ANY,
  'POST /api/items/:id/notices': [Role.Admin, Role.Office],
  'POST /api/items/:id/urge': [Role.Admin, Role.Office],
  'GET /api/notices/:id': ANY,
  'POST /api/notices/:id/replies': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'GET /api/notices/replies/:actionId/files/:fileId': ANY,
  // 联络人 and the office mailbox: office (within its area) and admin.
  'GET /api/departments/unreachable': [Role.Admin, Role.Office],
  'PUT /api/departments/:id/contact': [Role.Admin, Role.Office],
  'PUT /api/office/mailbox': [Role.Admin, Role.Office],
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
  'GET /counties/:code/what-if/:year': ANY,
  'GET /counties/:code/ledger': ANY,
  // The 督办 flow's page forms: the same rules as the API routes they share services with.
  'POST /items/:id/acknowledge': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /calendar/years/:year': [Role.Admin],
  'POST /items/:id/reports': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /items/:id/extensions': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
  'POST /items/:id/close': [Role.Admin, Role.Office, Role.Leader],
  'POST /items/:id/assignments': [Role.Admin, Role.Office],
  'POST /items/:id/assignments/remove': [Role.Admin, Role.Office],
  'POST /reports/:id/review': [Role.Admin, Role.Office, Role.Leader],
  'POST /extensions/:id/decision': [Role.Admin, Role.Office, Role.Leader],
  'GET /office': [Role.Admin, Role.Office],
  'GET /office/notice/:id': [Role.Admin, Role.Office],
  'GET /office/notices/:id': [Role.Admin, Role.Office],
  'POST /office/departments/:id/contact': [Role.Admin, Role.Office],
  'POST /office/deadlines': [Role.Admin, Role.Office],
  // 联络人名录 and the office mailbox page: office (within its area) and admin.
  'GET /contacts': [Role.Admin, Role.Office],
  'POST /contacts/departments/:id': [Role.Admin, Role.Office],
  'POST /contacts/mailbox': [Role.Admin, Role.Office],
  'POST /items/:id/assignments/due': [Role.Admin, Role.Office],
  'POST /items/:id/notices': [Role.Admin, Role.Office],
  'POST /items/:id/urge': [Role.Admin, Role.Office],
  'POST /notices/:id/replies': [Role.Admin, Role.Office, Role.DeptHead, Role.Staff],
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

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

/** 督办单 inserted by hand take numbers far above what the office's counter gives (unique per office and year). */
let matrixNoticeNumber = 9000;

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

/*
 * Every route × every role × a resource inside and outside the user's area (PlanScope). The world: the 银川
 * plan (640100) and the 晋中 plan (140700); every non-admin user works in 银川 — office, dept_head and staff in
 * 银川市教育局, leader and inspector with 银川 as their area. Inside: an item of the 银川 plan led by
 * 银川市教育局 with a submitted report, a pending extension request, a 督办单 and a numbered 督办件 with a 反馈
 * carrying a file; the county 灵武市 (640181). Outside: the same of the 晋中 plan, and the county 榆次区 (140702).
 */
interface Resources {
  plan: string;
  item: string;
  report: string;
  extension: string;
  notice: string;
  /** a numbered 督办件 on the item, with one 反馈 (`reply`) carrying the file `replyFile` */
  supervisionNotice: string;
  reply: string;
  replyFile: string;
  county: string;
  /** the region of the side's lead department (its office mailbox) */
  region: string;
  /** the item's lead department */
  leadDepartment: string;
  /** a department of the side's region that the item can be given to (改派) */
  spareDepartment: string;
}
interface World {
  inside: Resources;
  outside: Resources;
}
/** How a route reaches an area resource: the URL for a side, and a body valid enough to reach the scope check. */
interface AreaRequest {
  url: (r: Resources) => string;
  body?: (r: Resources) => Record<string, unknown>;
  headers?: Record<string, string>;
  /** the id a 404 names when the resource is outside the area */
  names: (r: Resources) => string;
}
type AreaRule =
  /** not an area resource: global settings (admin only), one's own account, sign-in, the directory */
  | { kind: 'global'; why: string }
  /** a list: nothing of the outside side appears in it for any non-admin role */
  | { kind: 'list' }
  | ({ kind: 'resource' } & AreaRequest);

/** A numbered 督办件, reached at `url` (the API or a page). */
const supervisionNotice = (url: (r: Resources) => string, body?: AreaRequest['body']): AreaRule => ({
  kind: 'resource',
  url,
  names: (r) => r.supervisionNotice,
  ...(body ? { body } : {}),
});
const item = (path = '', body?: AreaRequest['body'], headers?: Record<string, string>): AreaRule => ({
  kind: 'resource',
  url: (r) => `/api/items/${r.item}${path}`,
  names: (r) => r.item,
  ...(body ? { body } : {}),
  ...(headers ? { headers } : {}),
});
const page = (path: string, body?: AreaRequest['body']): AreaRule => ({
  kind: 'resource',
  url: (r) => `/items/${r.item}${path}`,
  names: (r) => r.item,
  ...(body ? { body } : {}),
});
const county = (prefix: string, suffix = ''): AreaRule => ({
  kind: 'resource',
  url: (r) => `${prefix}/counties/${r.county}/evaluations/2023${suffix}`,
  names: () => OUTSIDE_AREA,
});
const certification = (suffix: string, body?: AreaRequest['body']): AreaRule => ({
  kind: 'resource',
  url: (r) => `/api/indicators/certification-plan/${r.county}/2023${suffix}`,
  names: () => OUTSIDE_AREA,
  ...(body ? { body } : {}),
});
/** County reads answer 404 inside the area when there are no statistics: only the 403 counts as refused. */
const OUTSIDE_AREA = '不在您的管辖范围';
const REPORT = { period: 'once', text: '进展', percent: 10 };
const REPLY_FILE = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const DUE = (r: Resources) => ({ departmentId: r.leadDepartment, dueOn: '2099-06-30' });
const DEADLINES = (r: Resources) => ({ itemIds: [r.item], dueOn: '2099-06-30' });
const CONTACT = () => ({ name: '矩阵联络人', phone: '0951-1234567', email: 'matrix.contact@example.cn' });
const EXTENSION = { reason: '资金未到位', newDueOn: '2099-12-31' };
const GLOBAL_SETTING = { kind: 'global', why: 'a setting of the whole installation (admin only)' } as const;
const OWN = { kind: 'global', why: "the signed-in user's own account or session" } as const;
const DIRECTORY = {
  kind: 'global',
  why: 'the directory of regions and departments every form needs',
} as const;
const PUBLIC = { kind: 'global', why: 'public: sign-in, health, the template, a signed link' } as const;
const DRAFTS = {
  kind: 'global',
  why: "plan drafts are their author's (a plan is checked against the area on publishing)",
} as const;

const AREA: Record<string, AreaRule> = {
  'GET /api/calendar/overrides': GLOBAL_SETTING,
  'PUT /api/calendar/overrides/:date': GLOBAL_SETTING,
  'DELETE /api/calendar/overrides/:date': GLOBAL_SETTING,
  'GET /api/notifications/unsubscribe': PUBLIC,
  'POST /api/notifications/unsubscribe': PUBLIC,
  'GET /api/calendar/coverage': GLOBAL_SETTING,
  'PUT /api/calendar/years/:year': GLOBAL_SETTING,
  'POST /calendar/years/:year': GLOBAL_SETTING,
  'POST /api/admin/outbox/retry': GLOBAL_SETTING,
  'GET /admin/mail': GLOBAL_SETTING,
  'POST /admin/mail/retry': GLOBAL_SETTING,
  'GET /api/notifications/preferences': OWN,
  'PUT /api/notifications/preferences': OWN,
  'GET /api/admin/outbox': GLOBAL_SETTING,
  'POST /api/admin/outbox/:id/retry': GLOBAL_SETTING,
  'GET /api/admin/queues': GLOBAL_SETTING,
  'GET /api/escalations': { kind: 'list' },
  'GET /api/escalations/:id/print': {
    kind: 'resource',
    url: (r) => `/api/escalations/${r.notice}/print`,
    names: (r) => r.notice,
  },
  'GET /api/reminder-policies': { kind: 'list' },
  'PUT /api/reminder-policies': {
    kind: 'resource',
    url: () => '/api/reminder-policies',
    body: (r) => ({ scope: 'plan', scopeId: r.plan, policy: {} }),
    names: (r) => r.plan,
  },
  'DELETE /api/reminder-policies': {
    kind: 'resource',
    url: (r) => `/api/reminder-policies?scope=plan&scopeId=${r.plan}`,
    names: (r) => r.plan,
  },
  'GET /api/health': PUBLIC,
  'GET /api/health/ready': PUBLIC,
  'GET /api/health/live': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': OWN,
  'GET /api/auth/me': OWN,
  'POST /api/auth/password': OWN,
  'GET /api/users': { kind: 'list' },
  'POST /api/users': GLOBAL_SETTING,
  'PATCH /api/users/:id': GLOBAL_SETTING,
  'GET /api/regions': DIRECTORY,
  'GET /api/departments': DIRECTORY,
  'GET /api/plans': { kind: 'list' },
  'GET /api/plans/:id': { kind: 'resource', url: (r) => `/api/plans/${r.plan}`, names: (r) => r.plan },
  'GET /api/items': { kind: 'list' },
  'GET /api/items/overdue': { kind: 'list' },
  'GET /api/items/due-soon': { kind: 'list' },
  'GET /api/items/:id': item(),
  'GET /api/items/:id/history': item('/history'),
  'GET /api/assignments/mine': { kind: 'list' },
  'POST /api/indicators/imports': {
    kind: 'global',
    why: 'the county comes from the uploaded files: indicators-api.e2e-spec imports a county outside the area',
  },
  'GET /api/indicators/imports': {
    kind: 'resource',
    url: (r) => `/api/indicators/imports?county=${r.county}`,
    names: () => OUTSIDE_AREA,
  },
  'GET /api/indicators/jobs/failed': GLOBAL_SETTING,
  'GET /api/indicators/ledgers': {
    kind: 'resource',
    url: (r) => `/api/indicators/ledgers?county=${r.county}`,
    names: () => OUTSIDE_AREA,
  },
  'GET /api/indicators/ledgers/summary': {
    kind: 'resource',
    url: (r) => `/api/indicators/ledgers/summary?county=${r.county}`,
    names: () => OUTSIDE_AREA,
  },
  'GET /api/indicators/template.xlsx': PUBLIC,
  'GET /api/counties/:code/evaluations/:year': county('/api'),
  'GET /api/indicators/certification-plan/:code/:year': certification(''),
  'GET /api/indicators/certification-plan/:code/:year/plan.xlsx': certification('/plan.xlsx'),
  'POST /api/indicators/certification-plan/:code/:year/what-if': certification('/what-if', () => ({
    edits: [],
  })),
  'POST /api/indicators/certification-plan/:code/:year/what-if.xlsx': certification('/what-if.xlsx', () => ({
    edits: [],
  })),
  'POST /api/indicators/certification-plan/:code/:year/publish': {
    kind: 'resource',
    url: (r) => `/api/indicators/certification-plan/${r.county}/2023/publish`,
    body: (r) => ({ planId: r.plan }),
    names: (r) => r.plan,
  },
  'GET /api/counties/:code/evaluations/:year/export.xlsx': county('/api', '/export.xlsx'),
  'GET /api/items/:id/evidence': item('/evidence'),
  // 办理时限, 督办件, 催办 and 反馈: through the item's visibility and PlanScope's write/review rules.
  'PUT /api/items/:id/assignments/due': item('/assignments/due', DUE),
  'POST /api/items/deadlines': {
    kind: 'resource',
    url: () => '/api/items/deadlines',
    body: DEADLINES,
    // A page names the missing item in words (the API also gives its id in `params`).
    names: () => '未找到该任务',
  },
  'GET /api/items/:id/notices': item('/notices'),
  'POST /api/items/:id/notices': item('/notices', () => ({})),
  'POST /api/items/:id/urge': item('/urge', () => ({ text: '矩阵催办' })),
  'GET /api/notices/:id': supervisionNotice((r) => `/api/notices/${r.supervisionNotice}`),
  'POST /api/notices/:id/replies': supervisionNotice(
    (r) => `/api/notices/${r.supervisionNotice}/replies`,
    () => ({ text: '矩阵反馈' }),
  ),
  'GET /api/notices/replies/:actionId/files/:fileId': {
    kind: 'resource',
    url: (r) => `/api/notices/replies/${r.reply}/files/${r.replyFile}`,
    names: (r) => r.replyFile,
  },
  // 联络人 and the office mailbox: a department or region of the area.
  'GET /api/departments/unreachable': { kind: 'list' },
  'PUT /api/departments/:id/contact': {
    kind: 'resource',
    url: (r) => `/api/departments/${r.spareDepartment}/contact`,
    body: CONTACT,
    names: () => OUTSIDE_AREA,
  },
  'PUT /api/office/mailbox': {
    kind: 'resource',
    url: () => '/api/office/mailbox',
    body: (r) => ({ regionCode: r.region, email: 'matrix.office@example.cn', name: '矩阵办公室' }),
    names: () => OUTSIDE_AREA,
  },
  'POST /api/plans/:id/items': {
    kind: 'resource',
    url: (r) => `/api/plans/${r.plan}/items`,
    body: () => ({ ref: '矩阵', title: '矩阵测试任务', kind: 'task' }),
    names: (r) => r.plan,
  },
  'POST /api/plan-drafts': DRAFTS,
  'GET /api/plan-drafts': DRAFTS,
  'GET /api/plan-drafts/:id': DRAFTS,
  'PUT /api/plan-drafts/:id': DRAFTS,
  'POST /api/plan-drafts/:id/publish': DRAFTS,
  'POST /api/plan-drafts/:id/discard': DRAFTS,
  'PATCH /api/items/:id': item('', () => ({ title: '矩阵改名' }), { 'if-match': '"999"' }),
  'POST /api/items/:id/cancel': item('/cancel', () => ({ reason: '矩阵' }), { 'if-match': '"999"' }),
  'POST /api/items/:id/assignments': item('/assignments', (r) => ({
    departmentId: r.spareDepartment,
    role: 'cooperate',
  })),
  'DELETE /api/items/:id/assignments': {
    kind: 'resource',
    url: (r) => `/api/items/${r.item}/assignments?department=${r.spareDepartment}`,
    names: (r) => r.item,
  },
  'POST /api/items/:id/acknowledge': item('/acknowledge'),
  'GET /api/items/:id/reports': item('/reports'),
  'POST /api/items/:id/reports': item('/reports', () => REPORT),
  'POST /api/items/:id/extensions': item('/extensions', () => EXTENSION),
  'POST /api/items/:id/close': item('/close'),
  'GET /api/reports': { kind: 'list' },
  'POST /api/reports/:id/review': {
    kind: 'resource',
    url: (r) => `/api/reports/${r.report}/review`,
    body: () => ({ decision: 'return', comment: '矩阵' }),
    names: (r) => r.report,
  },
  'GET /api/reports/:id/files/:fileId': {
    kind: 'resource',
    url: (r) => `/api/reports/${r.report}/files/00000000-0000-4000-8000-000000000000`,
    names: (r) => r.report,
  },
  'GET /api/extensions': { kind: 'list' },
  'POST /api/extensions/:id/decision': {
    kind: 'resource',
    url: (r) => `/api/extensions/${r.extension}/decision`,
    body: () => ({ decision: 'reject', comment: '矩阵' }),
    names: (r) => r.extension,
  },
  'GET /login': PUBLIC,
  'POST /login': PUBLIC,
  'GET /lang': PUBLIC,
  'POST /logout': OWN,
  'GET /password': OWN,
  'POST /password': OWN,
  'GET /': { kind: 'list' },
  'GET /items': { kind: 'list' },
  'GET /items/:id': page(''),
  'GET /counties/:code/evaluations/:year': county(''),
  'GET /counties/:code/ledger': {
    kind: 'resource',
    url: (r) => `/counties/${r.county}/ledger`,
    names: () => OUTSIDE_AREA,
  },
  'GET /counties/:code/what-if/:year': {
    kind: 'resource',
    url: (r) => `/counties/${r.county}/what-if/2023`,
    names: () => OUTSIDE_AREA,
  },
  'POST /items/:id/acknowledge': page('/acknowledge'),
  // A form sends strings.
  'POST /items/:id/reports': page('/reports', () => ({ ...REPORT, percent: '10' })),
  'POST /items/:id/extensions': page('/extensions', () => EXTENSION),
  'POST /items/:id/close': page('/close'),
  'POST /items/:id/assignments': page('/assignments', (r) => ({
    departmentId: r.spareDepartment,
    role: 'cooperate',
  })),
  'POST /items/:id/assignments/remove': page('/assignments/remove', (r) => ({
    department: r.spareDepartment,
  })),
  'POST /reports/:id/review': {
    kind: 'resource',
    url: (r) => `/reports/${r.report}/review`,
    body: () => ({ decision: 'return', comment: '矩阵' }),
    names: (r) => r.report,
  },
  'POST /extensions/:id/decision': {
    kind: 'resource',
    url: (r) => `/extensions/${r.extension}/decision`,
    body: () => ({ decision: 'reject', comment: '矩阵' }),
    names: (r) => r.extension,
  },
  'GET /office': { kind: 'list' },
  'GET /office/notice/:id': {
    kind: 'resource',
    url: (r) => `/office/notice/${r.item}`,
    names: (r) => r.item,
  },
  'GET /office/notices/:id': supervisionNotice((r) => `/office/notices/${r.supervisionNotice}`),
  'POST /office/departments/:id/contact': {
    kind: 'resource',
    url: (r) => `/office/departments/${r.spareDepartment}/contact`,
    body: CONTACT,
    names: () => OUTSIDE_AREA,
  },
  'POST /office/deadlines': {
    kind: 'resource',
    url: () => '/office/deadlines',
    body: DEADLINES,
    // A page names the missing item in words (the API also gives its id in `params`).
    names: () => '未找到该任务',
  },
  'GET /contacts': { kind: 'list' },
  'POST /contacts/departments/:id': {
    kind: 'resource',
    url: (r) => `/contacts/departments/${r.spareDepartment}`,
    body: CONTACT,
    names: () => OUTSIDE_AREA,
  },
  'POST /contacts/mailbox': {
    kind: 'resource',
    url: () => '/contacts/mailbox',
    body: (r) => ({ regionCode: r.region, email: 'matrix.office@example.cn', name: '矩阵办公室' }),
    names: () => OUTSIDE_AREA,
  },
  'POST /items/:id/assignments/due': page('/assignments/due', DUE),
  'POST /items/:id/notices': page('/notices'),
  'POST /items/:id/urge': page('/urge', () => ({ text: '矩阵催办' })),
  'POST /notices/:id/replies': supervisionNotice(
    (r) => `/notices/${r.supervisionNotice}/replies`,
    () => ({ text: '矩阵反馈' }),
  ),
  'GET /import': { kind: 'list' },
  'POST /import': {
    kind: 'global',
    why: 'the county comes from the uploaded files (the same IndicatorImportService refuses one outside the area)',
  },
  'GET /plans/drafts': DRAFTS,
  'POST /plans/drafts': DRAFTS,
  'GET /plans/drafts/:id': DRAFTS,
  'POST /plans/drafts/:id': DRAFTS,
  'POST /plans/drafts/:id/publish': DRAFTS,
  'POST /plans/drafts/:id/discard': DRAFTS,
  'GET /dashboard': { kind: 'list' },
  'GET /dashboard/pack': { kind: 'list' },
  'GET /dashboard/pack.xlsx': { kind: 'list' },
};

describe('area rules: every route × every role × a resource inside and outside the area', () => {
  let t: TestApp;
  let routes: Route[];
  let world: World;
  const tokens = new Map<Role, string>();

  const sqlRows = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.app.get(DataSource).query(query, params);

  /** A leaf item of the plan led by `department`, with a submitted report, a pending extension and a notice. */
  async function resources(planKey: string, department: string, regionCode: string, countyCode: string) {
    const [{ planId, itemId, planRegion }] = await sqlRows<{
      planId: string;
      itemId: string;
      planRegion: string;
    }>(
      `SELECT p.id AS "planId", i.id AS "itemId", p.region_code AS "planRegion" FROM plan_items i JOIN plans p ON p.id = i.plan_id
         JOIN assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.removed_at IS NULL
        WHERE p.key = $1 AND a.department_id = $2
          AND NOT EXISTS (SELECT 1 FROM plan_items c WHERE c.parent_id = i.id) AND i.due_on IS NOT NULL
        ORDER BY i.position LIMIT 1`,
      [planKey, department],
    );
    const head = await t.sessionFor(await t.createUser(Role.DeptHead, { departmentId: department }));
    const call = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.request({
        method: 'POST',
        url,
        payload,
        headers: { authorization: `Bearer ${head}` },
      });
      expect([url, res.statusCode, res.statusCode === 201 ? '' : res.body]).toEqual([url, 201, '']);
      return (res.json() as { id: string }).id;
    };
    await t.request({
      method: 'POST',
      url: `/api/items/${itemId}/acknowledge`,
      headers: { authorization: `Bearer ${head}` },
    });
    const report = await call(`/api/items/${itemId}/reports`, REPORT);
    const extension = await call(`/api/items/${itemId}/extensions`, EXTENSION);
    const [{ id: notice }] = await sqlRows<{ id: string }>(
      `INSERT INTO escalation_notices (item_id, plan_id, level, ladder_start, issued_on, recipients, cc, snapshot,
                                       office_key, year, number)
       VALUES ($1, $2, 'blue', '2026-11-01', '2026-11-20', '[]', '[]', $3, $4, 2026, $5) RETURNING id`,
      [
        itemId,
        planId,
        JSON.stringify({
          planTitle: planKey,
          planDocNumber: null,
          ref: '一',
          number: '1',
          title: '矩阵',
          status: 'overdue',
          dueOn: '2026-10-31',
          effectiveDueOn: '2026-10-31',
          reasons: [],
          leadDepartments: ['牵头单位'],
          cooperatingDepartments: [],
          overdueWorkingDays: 5,
        }),
        planRegion,
        (matrixNoticeNumber += 1),
      ],
    );
    // A numbered 督办件 issued by the office of the plan's region, answered (反馈) by the lead department.
    const office = await t.sessionFor(await t.createUser(Role.Office, { regionCode: planRegion }));
    const issued = await t.request({
      method: 'POST',
      url: `/api/items/${itemId}/notices`,
      payload: {},
      headers: { authorization: `Bearer ${office}` },
    });
    expect([issued.statusCode, issued.statusCode === 201 ? '' : issued.body]).toEqual([201, '']);
    const supervisionNotice = (issued.json() as { id: string }).id;
    const form = multipart({ text: '矩阵反馈' }, [
      { filename: '情况说明.pdf', data: REPLY_FILE, type: 'application/pdf' },
    ]);
    const replied = await t.request({
      method: 'POST',
      url: `/api/notices/${supervisionNotice}/replies`,
      payload: form.payload,
      headers: { authorization: `Bearer ${head}`, ...form.headers },
    });
    expect([replied.statusCode, replied.statusCode === 201 ? '' : replied.body]).toEqual([201, '']);
    const { id: reply, files } = replied.json() as { id: string; files: Array<{ id: string }> };
    const {
      departments: [{ id: spareDepartment }],
    } = await t.app.get(DepartmentsService).resolve([{ regionCode, name: '矩阵备用局', otherNames: [] }], {
      actor: systemActor('test'),
      source: 'test',
    });
    return {
      plan: planId,
      item: itemId,
      report,
      extension,
      notice,
      supervisionNotice,
      reply,
      replyFile: files[0].id,
      county: countyCode,
      region: regionCode,
      leadDepartment: department,
      spareDepartment,
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(TEST_NOW);
    await importSeed(t, 'yinchuan');
    await importSeed(t, 'jinzhong');
    routes = discoverRoutes(t);
    const bureau = await departmentId(t, '640100', '银川市教育局');
    const [{ id: jinzhongLead }] = await sqlRows<{ id: string }>(
      `SELECT a.department_id AS id FROM assignments a JOIN plan_items i ON i.id = a.item_id JOIN plans p ON p.id = i.plan_id
        WHERE p.key = $1 AND a.role = 'lead' AND NOT EXISTS (SELECT 1 FROM plan_items c WHERE c.parent_id = i.id)
          AND i.due_on IS NOT NULL
        ORDER BY i.position LIMIT 1`,
      [JINZHONG],
    );
    const [{ regionCode: jinzhongRegion }] = await sqlRows<{ regionCode: string }>(
      'SELECT region_code AS "regionCode" FROM departments WHERE id = $1',
      [jinzhongLead],
    );
    world = {
      inside: await resources(YINCHUAN, bureau, '640100', '640181'),
      outside: await resources(JINZHONG, jinzhongLead, jinzhongRegion, '140702'),
    };
    const of: Record<Role, Partial<{ departmentId: string; regionCode: string }>> = {
      [Role.Admin]: {},
      [Role.Office]: { departmentId: bureau },
      [Role.DeptHead]: { departmentId: bureau },
      [Role.Staff]: { departmentId: bureau },
      [Role.Leader]: { regionCode: '640100' },
      [Role.Inspector]: { regionCode: '640100' },
    };
    for (const role of ALL_ROLES) tokens.set(role, await t.sessionFor(await t.createUser(role, of[role])));
  });
  afterAll(() => t?.close());

  const send = (
    method: string,
    url: string,
    role: Role,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.request({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${tokens.get(role)}`, ...headers },
      ...(method === 'GET' || method === 'DELETE'
        ? {}
        : { payload: (body ?? {}) as Record<string, unknown> }),
    });

  it('every registered route has a written area rule, and every area rule a route', () => {
    const found = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(found).toEqual(Object.keys(AREA).sort());
  });

  it('outside the area: every role but admin is refused (403, or 404 naming the resource) and nothing changes', async () => {
    const snapshot = () =>
      sqlRows(
        `SELECT (SELECT count(*) FROM plan_items) AS items, (SELECT count(*) FROM assignments WHERE removed_at IS NULL) AS assignments,
                (SELECT count(*) FROM progress_reports) AS reports, (SELECT count(*) FROM extension_requests) AS extensions,
                (SELECT count(*) FROM reminder_policies) AS policies, (SELECT count(*) FROM audit_entries) AS audit,
                (SELECT string_agg(status::text || ':' || version, ',' ORDER BY id) FROM plan_items) AS states,
                (SELECT string_agg(state::text, ',' ORDER BY id) FROM progress_reports) AS report_states,
                (SELECT string_agg(state::text, ',' ORDER BY id) FROM extension_requests) AS extension_states,
                (SELECT count(*) FROM supervision_notices) AS notices, (SELECT count(*) FROM supervision_actions) AS actions,
                (SELECT string_agg(id || ':' || coalesce(due_on::text, '-'), ',' ORDER BY id) FROM assignments) AS assignment_dues,
                (SELECT string_agg(id || ':' || coalesce(due_on::text, '-'), ',' ORDER BY id) FROM plan_items) AS item_dues,
                (SELECT string_agg(concat_ws('|', id, contact_name, contact_phone, contact_email), ',' ORDER BY id)
                   FROM departments) AS contacts,
                (SELECT string_agg(region_code || ':' || email, ',' ORDER BY region_code) FROM office_mailboxes) AS mailboxes`,
      );
    const before = await snapshot();
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const rule = EXPECTED[key];
      const area = AREA[key];
      if (rule === 'public' || area?.kind !== 'resource') continue;
      const r = world.outside;
      for (const role of rule.filter((role) => role !== Role.Admin)) {
        const res = await send(method, area.url(r), role, area.body?.(r), area.headers);
        const refused =
          res.statusCode === 403 || (res.statusCode === 404 && res.body.includes(area.names(r)));
        outcomes.push(
          `${key} ${role}: ${refused ? 'refused' : `${res.statusCode} ${res.body.slice(0, 200)}`}`,
        );
        expected.push(`${key} ${role}: refused`);
      }
    }
    expect(outcomes).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('lists: nothing of the other area appears for any role but admin', async () => {
    const o = world.outside;
    const marks = [o.plan, o.item, o.report, o.extension, o.notice];
    const leaks: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const rule = EXPECTED[key];
      if (rule === 'public' || AREA[key]?.kind !== 'list') continue;
      for (const role of rule.filter((role) => role !== Role.Admin)) {
        const res = await send(method, path, role);
        expect([key, role, res.statusCode]).toEqual([key, role, 200]);
        for (const mark of marks) if (res.body.includes(mark)) leaks.push(`${key} ${role}: ${mark}`);
      }
    }
    expect(leaks).toEqual([]);
    // The admin's lists do show the other area (the marks are real).
    const all = await send('GET', `/api/items?plan=${o.plan}`, Role.Admin);
    expect(all.body).toContain(o.item);
    // Departments nobody can mail: the office sees only those of its area (晋中's appear to admin only).
    const regions = async (role: Role) =>
      ((await send('GET', '/api/departments/unreachable', role)).json() as Array<{ regionCode: string }>).map(
        (d) => d.regionCode.slice(0, 4),
      );
    expect(new Set(await regions(Role.Office))).toEqual(new Set(['6401']));
    expect(await regions(Role.Admin)).toContain('1407');
  });

  it('inside the area: every role the route names gets through (never 403, nor 404 naming the resource)', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    // Department work before the reviewers', so a review or 办结 does not end what the departments still do.
    const order = [Role.DeptHead, Role.Staff, Role.Inspector, Role.Leader, Role.Office, Role.Admin];
    for (const role of order) {
      for (const { method, path } of routes) {
        const key = `${method} ${path}`;
        const rule = EXPECTED[key];
        const area = AREA[key];
        if (rule === 'public' || area?.kind !== 'resource' || !rule.includes(role)) continue;
        const r = world.inside;
        const res = await send(method, area.url(r), role, area.body?.(r), area.headers);
        const refused =
          res.statusCode === 403 || (res.statusCode === 404 && res.body.includes(area.names(r)));
        outcomes.push(
          `${key} ${role}: ${refused ? `refused ${res.statusCode} ${res.body.slice(0, 200)}` : 'through'}`,
        );
        expected.push(`${key} ${role}: through`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('never upward: a 宁夏 plan is outside the 银川 area — the bureau works on its own item, 银川 neither edits nor reviews', async () => {
    const bureau = await departmentId(t, '640100', '银川市教育局');
    // A plan of the province above, holding one item led by 银川市教育局 (moved from the 银川 plan).
    const [{ id: provincePlan }] = await sqlRows<{ id: string }>(
      `INSERT INTO plans (key, title, doc_number, issuer, issued_on, region_code, implements, source_file, source_script,
                          source_text, file_checksum, imported_at)
       SELECT 'ningxia-upward', '宁夏测试方案', doc_number, '宁夏回族自治区教育厅', issued_on, '640000', implements,
              source_file, source_script, source_text, file_checksum, imported_at FROM plans WHERE key = $1
       RETURNING id`,
      [YINCHUAN],
    );
    const [{ id: provinceItem }] = await sqlRows<{ id: string }>(
      `SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id
         JOIN assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.removed_at IS NULL
        WHERE p.key = $1 AND a.department_id = $2 AND i.id <> $3
          AND NOT EXISTS (SELECT 1 FROM plan_items c WHERE c.parent_id = i.id)
        ORDER BY i.position LIMIT 1`,
      [YINCHUAN, bureau, world.inside.item],
    );
    await sqlRows('UPDATE plan_items SET plan_id = $1, parent_id = NULL WHERE id = $2', [
      provincePlan,
      provinceItem,
    ]);
    const as = (role: Role, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
      send(method, url, role, body, headers).then(
        (res) => `${role} ${method} ${url.replace(provinceItem, ':item')}: ${res.statusCode}`,
      );
    const url = `/api/items/${provinceItem}`;
    expect([
      await as(Role.Office, 'GET', url),
      await as(Role.Office, 'PATCH', url, { title: '改' }, { 'if-match': '"999"' }),
      await as(Role.Office, 'POST', `${url}/assignments`, {
        departmentId: world.inside.spareDepartment,
        role: 'cooperate',
      }),
      await as(Role.Office, 'POST', `${url}/close`),
      await as(Role.Leader, 'POST', `${url}/close`),
      await as(Role.DeptHead, 'POST', `${url}/acknowledge`),
    ]).toEqual([
      `office GET /api/items/:item: 200`,
      `office PATCH /api/items/:item: 403`,
      `office POST /api/items/:item/assignments: 403`,
      `office POST /api/items/:item/close: 403`,
      `leader POST /api/items/:item/close: 403`,
      `dept_head POST /api/items/:item/acknowledge: 201`,
    ]);
    // The plan shows only what 银川 does of it; the province's office (area 宁夏) manages it.
    const plans = await send('GET', '/api/plans', Role.Office);
    expect(plans.body).toContain(provincePlan);
    const province = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '640000' }));
    const edit = await t.request({
      method: 'PATCH',
      url,
      payload: { title: '改' },
      headers: { authorization: `Bearer ${province}`, 'if-match': '"999"' },
    });
    expect(edit.statusCode).toBe(412); // through the scope check, stopped by the stale version only
  });
});
