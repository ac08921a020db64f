import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse as InjectResponse } from 'fastify';
import { systemActor } from '../../src/audit/audit.service';
import { DepartmentsService } from '../../src/departments/departments.service';
import { Role } from '../../src/access/role.enum';
import { importSeed, sql } from '../plans/plan-test-support';
import type { TestApp } from '../support/test-app';

export interface FlowWorld {
  planId: string;
  regionCode: string;
  /** lead, cooperating and an unrelated department of the plan's region */
  lead: string;
  coop: string;
  other: string;
  tokens: {
    admin: string;
    office: string;
    leader: string;
    inspector: string;
    leadHead: string;
    leadStaff: string;
    coopHead: string;
    otherHead: string;
  };
}

/** A seed plan, three departments of its region and a user of every kind the flow needs. */
export async function flowWorld(t: TestApp): Promise<FlowWorld> {
  const { planId } = await importSeed(t, 'jizhou');
  const [{ regionCode }] = await sql<{ regionCode: string }>(
    t,
    'SELECT region_code AS "regionCode" FROM plans WHERE id = $1',
    [planId],
  );
  const { departments } = await t.app.get(DepartmentsService).resolve(
    ['测试牵头局', '测试配合局', '测试无关局'].map((name) => ({ regionCode, name, otherNames: [] })),
    { actor: systemActor('test'), source: 'test' },
  );
  const [lead, coop, other] = departments.map((d) => d.id);
  const token = async (role: Role, departmentId: string | null = null, name?: string) =>
    // Users without a department work in the plan's region (their area, PlanScope).
    t.sessionFor(
      await t.createUser(role, { departmentId, name, regionCode: departmentId ? null : regionCode }),
    );
  return {
    planId,
    regionCode,
    lead,
    coop,
    other,
    tokens: {
      admin: await t.sessionFor(await t.createUser(Role.Admin)),
      office: await token(Role.Office),
      leader: await token(Role.Leader),
      inspector: await token(Role.Inspector),
      leadHead: await token(Role.DeptHead, lead, '牵头局长'),
      leadStaff: await token(Role.Staff, lead, '牵头科员'),
      coopHead: await token(Role.DeptHead, coop, '配合局长'),
      otherHead: await token(Role.DeptHead, other, '无关局长'),
    },
  };
}

export function api(t: TestApp) {
  return (method: InjectOptions['method'], url: string, token: string, payload?: unknown, headers = {}) =>
    t.request({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
}

/** Asserts the status, showing the body when it differs. */
export function expectStatus(res: InjectResponse, status: number): InjectResponse {
  expect([res.statusCode, res.statusCode === status ? '' : res.body]).toEqual([status, '']);
  return res;
}

let refCounter = 0;

/** Creates an item through the API (office) and returns its id. */
export async function createItem(
  t: TestApp,
  w: FlowWorld,
  fields: Record<string, unknown> & { assignments?: Array<{ departmentId: string; role: string }> },
): Promise<string> {
  const res = await api(t)('POST', `/api/plans/${w.planId}/items`, w.tokens.office, {
    ref: `测试.${++refCounter}.${randomBytes(2).toString('hex')}`,
    kind: 'task',
    title: '测试任务',
    ...fields,
  });
  expectStatus(res, 201);
  return (res.json() as { id: string }).id;
}

/** A multipart body with fields and files (field name `files`). */
export function multipart(
  fields: Record<string, string>,
  files: Array<{ filename: string; data: Buffer; type?: string }>,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----duban${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
