/**
 * Evidence attachments on progress reports: size limit (413, nothing stored), type by magic bytes (415),
 * sha256 recorded, download returns the same bytes with a UTF-8 file name.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ReportView } from '../../src/supervision/reports.service';
import { Role } from '../../src/access/role.enum';
import {
  api,
  createItem,
  expectStatus,
  type FlowWorld,
  flowWorld,
  multipart,
} from '../supervision/flow-support';
import { sql } from '../plans/plan-test-support';
import { startTestApp, type TestApp } from '../support/test-app';

const LIMIT = 4096;

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('evidence attachments', () => {
  let t: TestApp;
  let w: FlowWorld;
  let storageDir: string;
  let itemId: string;

  const upload = (
    fields: Record<string, string>,
    files: Parameters<typeof multipart>[1],
    token = w.tokens.leadStaff,
  ) => {
    const body = multipart(fields, files);
    return t.request({
      method: 'POST',
      url: `/api/items/${itemId}/reports`,
      headers: { authorization: `Bearer ${token}`, ...body.headers },
      payload: body.payload,
    });
  };
  const reportRows = async () =>
    (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM progress_reports'))[0].n;
  const fileRows = async () =>
    (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM report_files'))[0].n;
  const fields = { period: '2026-03', text: '已完成场地建设', percent: '80' };

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'duban-evidence-'));
    t = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(LIMIT), STORAGE_DIR: storageDir } });
    t.clock.set('2026-03-02T02:00:00Z');
    w = await flowWorld(t);
    itemId = await createItem(t, w, {
      dueOn: '2026-06-30',
      assignments: [{ departmentId: w.lead, role: 'lead' }],
    });
    expectStatus(await api(t)('POST', `/api/items/${itemId}/acknowledge`, w.tokens.leadHead), 201);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('refuses a file over the size limit with 413, storing nothing', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT + 100, 0x41)]);
    const res = expectStatus(await upload(fields, [{ filename: '大文件.pdf', data: pdf }]), 413);
    expect(res.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', details: { maxBytes: LIMIT } });
    expect(res.json().message).toContain(String(LIMIT));
    expect(res.json()).toMatchObject({
      messageKey: 'evidence.file_too_large',
      params: { file: '大文件.pdf' },
    });
    expect(res.json().message).toContain('文件“大文件.pdf”超过上传上限');
    expect(res.json().message).not.toMatch(/upload limit/);
    expect(await reportRows()).toBe(0);
    expect(await fileRows()).toBe(0);
    expect(filesUnder(storageDir)).toEqual([]);
  });

  it('refuses a program renamed .pdf with 415, storing nothing (not even the other, valid file)', async () => {
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), Buffer.alloc(200, 0)]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(50, 1),
    ]);
    const res = expectStatus(
      await upload(fields, [
        { filename: '照片.png', data: png, type: 'image/png' },
        { filename: 'report.pdf', data: exe, type: 'application/pdf' },
      ]),
      415,
    );
    expect(res.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA', details: { file: 'report.pdf' } });
    expect(await reportRows()).toBe(0);
    expect(await fileRows()).toBe(0);
    expect(filesUnder(storageDir)).toEqual([]);
  });

  it('records sha256 and size, and downloads the identical bytes to whoever sees the item', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('督办佐证 '.repeat(100))]);
    const txt = Buffer.from('验收意见：合格\n');
    const res = expectStatus(
      await upload(fields, [
        { filename: '验收报告.pdf', data: pdf },
        { filename: '意见.txt', data: txt, type: 'text/plain' },
      ]),
      201,
    );
    const report = res.json() as ReportView;
    expect(report).toMatchObject({ percent: 80, period: '2026-03', state: 'submitted' });
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(report.files.map((f) => [f.fileName, f.contentType, f.sizeBytes, f.sha256]).sort()).toEqual(
      [
        ['意见.txt', 'text/plain; charset=utf-8', txt.length, sha(txt)],
        ['验收报告.pdf', 'application/pdf', pdf.length, sha(pdf)],
      ].sort(),
    );
    const stored = filesUnder(storageDir);
    expect(stored).toHaveLength(2);
    // Moved out of the staging area to their final keys.
    expect(stored.map((f) => path.relative(storageDir, f).split(path.sep).slice(0, 3).join('/'))).toEqual([
      `evidence/reports/${report.id}`,
      `evidence/reports/${report.id}`,
    ]);

    const pdfFile = report.files.find((f) => f.fileName === '验收报告.pdf')!;
    const url = `/api/reports/${report.id}/files/${pdfFile.id}`;
    const download = expectStatus(
      await t.request({ method: 'GET', url, headers: { authorization: `Bearer ${w.tokens.inspector}` } }),
      200,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('验收报告.pdf')}`,
    );
    // Someone who cannot see the plan gets a 404, as for the item itself.
    const elsewhere = await t.sessionFor(await t.createUser(Role.Staff));
    expectStatus(
      await t.request({ method: 'GET', url, headers: { authorization: `Bearer ${elsewhere}` } }),
      404,
    );
    expectStatus(
      await t.request({
        method: 'GET',
        url: `/api/reports/${report.id}/files/00000000-0000-4000-8000-000000000000`,
        headers: { authorization: `Bearer ${w.tokens.admin}` },
      }),
      404,
    );
  });
});
