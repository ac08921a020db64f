import { csrfTokenFor } from '../../src/auth/session-token';
import { MailSink } from '../../src/mail/mail-sink';
import { AppSecret } from '../../src/notifications/app-secret.provider';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { OutboxService } from '../../src/notifications/outbox.service';
import { unsubscribeToken } from '../../src/notifications/unsubscribe-token';
import { parseCalendarDate as d } from '../../src/common/calendar-date';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { Role } from '../../src/access/role.enum';
import { formatDate } from '../../src/common/i18n/format';
import { latinWords } from '../../src/common/i18n/latin-words';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  addItem,
  drained,
  remindersQueue,
  seedWorld,
  setMode,
  sql,
  to,
  waitUntil,
  type World,
} from '../reminders/reminder-fixtures';

describe('notification outbox, delivery guarantees and admin', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
  });
  afterAll(() => t?.close());

  const notifyOnce = async (key: string, mandatory = false) => {
    const [recipient] = await t.app.get(NotificationsService).recipients([world.users.eduHead.id]);
    return t.app.get(NotificationsService).notify(recipient, {
      template: 'escalation',
      payload: { notices: [] },
      key,
      mandatory,
    });
  };

  it('SMTP down for a while: the message is delivered once after the server returns', async () => {
    const port = Number(new URL(t.env.SMTP_URL!).port);
    await t.mail.close();
    expect(await notifyOnce('smtp-down-test', true)).toBe('queued');
    await waitUntil(
      async () =>
        (
          await sql<{ attempts: number }>(
            t,
            `SELECT attempts FROM notification_outbox WHERE idempotency_key = 'smtp-down-test' AND status = 'failed'`,
          )
        )[0],
      'a failed attempt',
    );
    const sink = new MailSink();
    await sink.listen(port);
    try {
      await sink.waitFor((m) => m.to.includes(world.users.eduHead.email), 1, 20_000);
      await drained(t);
      await new Promise((r) => setTimeout(r, 1500));
      expect(sink.messages.filter((m) => m.to.includes(world.users.eduHead.email))).toHaveLength(1);
      const [row] = await sql<{ status: string; attempts: number; message_id: string }>(
        t,
        `SELECT status, attempts, message_id FROM notification_outbox WHERE idempotency_key = 'smtp-down-test'`,
      );
      expect(row.status).toBe('sent');
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      // Same key again: nothing new.
      expect(await notifyOnce('smtp-down-test', true)).toBe('duplicate');
    } finally {
      await sink.close();
      await t.mail.listen(port);
    }
  });

  it('a row left `sending` by a dead worker is taken over after its lease: sent again, same Message-ID, counted', async () => {
    await notifyOnce('interrupted-test', true);
    await drained(t);
    t.mail.clear();
    const [row] = await sql<{ id: string }>(
      t,
      `SELECT id FROM notification_outbox WHERE idempotency_key = 'interrupted-test'`,
    );
    // A worker claimed the row, maybe sent, and died before marking; while its lease runs nobody else sends.
    await sql(
      t,
      `UPDATE notification_outbox SET status = 'sending', lease_until = now() + interval '1 minute' WHERE id = $1`,
      [row.id],
    );
    expect(await t.app.get(OutboxService).deliver(row.id)).toBe('busy');
    await sql(t, `UPDATE notification_outbox SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      row.id,
    ]);
    expect(await t.app.get(OutboxService).deliver(row.id)).toBe('sent');
    expect(t.mail.messages).toHaveLength(1);
    expect(t.mail.messages[0].messageId).toBe(`<outbox-${row.id}@duban>`);
    const after = await t.app.get(OutboxService).get(row.id);
    expect(after).toMatchObject({ status: 'sent', interruptions: 1 });
    await sql(t, `UPDATE notification_outbox SET status = 'dead', last_error = 'interrupted' WHERE id = $1`, [
      row.id,
    ]);
    t.mail.clear();

    const admin = await t.sessionFor(await t.createUser(Role.Admin));
    const dead = await t.request({
      method: 'GET',
      url: '/api/admin/outbox?status=dead',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(dead.statusCode).toBe(200);
    expect(
      (dead.json() as Array<{ id: string; lastError: string }>).find((r) => r.id === row.id)?.lastError,
    ).toContain('interrupted');

    const retry = await t.request({
      method: 'POST',
      url: `/api/admin/outbox/${row.id}/retry`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(retry.statusCode).toBe(201);
    await t.mail.waitFor((m) => m.to.includes(world.users.eduHead.email));
    await drained(t);
    expect((await t.app.get(OutboxService).get(row.id))?.status).toBe('sent');

    const queues = await t.request({
      method: 'GET',
      url: '/api/admin/queues',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect((queues.json() as Array<{ name: string }>).map((q) => q.name)).toEqual(
      expect.arrayContaining(['reminders', 'mail']),
    );
  });

  it("the captured mail speaks the reader's language: sender 督办系统 or Duban, a Date, RFC 8058 headers only on optional mail", async () => {
    const notifications = t.app.get(NotificationsService);
    const english = await t.createUser(Role.DeptHead);
    await notifications.setPreferences(english.id, { language: 'en', mode: 'immediate' });
    const today = t.clock.today();
    const payload = {
      item: {
        id: '3f6c1a2e-9b4d-4c1e-8a7b-5d2e0f1c9a01',
        ref: '银教发〔2026〕12号-1',
        number: '（一）',
        title: '完善学校办学条件标准化建设台账',
        planTitle: '银川市推进义务教育优质均衡发展实施方案',
        dueOn: today,
        departmentName: '银川市教育局',
      },
      rule: 'due_day',
      dueOn: today,
      sendOn: today,
      departmentName: '银川市教育局',
      role: 'lead',
      outstanding: 'report',
    };
    t.mail.clear();
    for (const user of [world.users.eduHead, english]) {
      const [recipient] = await notifications.recipients([user.id]);
      expect(
        await notifications.notify(recipient, { template: 'reminder', payload, key: `headers|${user.id}` }),
      ).toBe('queued');
      expect(
        await notifications.notify(recipient, {
          template: 'escalation',
          payload: { notices: [] },
          key: `headers-mandatory|${user.id}`,
          mandatory: true,
        }),
      ).toBe('queued');
    }
    await t.mail.waitFor(() => true, 4);
    await drained(t);
    const mailTo = (user: { email: string }, template: string) =>
      t.mail.messages.filter((m) => m.to.includes(user.email) && m.subject.includes(template));

    const [zhMail] = mailTo(world.users.eduHead, '【督办提醒】');
    expect(zhMail.subject).toBe('【督办提醒】今日到期：完善学校办学条件标准化建设台账');
    expect(zhMail.fromName).toBe('督办系统');
    expect(zhMail.date).not.toBeNull();
    expect(Number.isNaN(Date.parse(zhMail.date!))).toBe(false);
    expect(zhMail.listUnsubscribe).toMatchObject({ post: 'List-Unsubscribe=One-Click' });
    expect(zhMail.listUnsubscribe!.url).toMatch(/\/api\/notifications\/unsubscribe\?token=/);
    expect(latinWords(zhMail.subject)).toEqual([]);
    expect(latinWords(zhMail.text)).toEqual([]);
    expect(zhMail.text).toContain(`办理时限 ${formatDate('zh-CN', today)}`);
    const [zhNotice] = mailTo(world.users.eduHead, '【蓝色督办】');
    expect(zhNotice.fromName).toBe('督办系统');
    expect(zhNotice.listUnsubscribe).toBeNull();

    const [enMail] = mailTo(english, '[Duban] due today');
    expect(enMail.fromName).toBe('Duban');
    expect(enMail.date).not.toBeNull();
    expect(enMail.listUnsubscribe).toMatchObject({ post: 'List-Unsubscribe=One-Click' });
    expect(enMail.text).toContain(`(deadline ${formatDate('en', today)})`);
    // the English mail's Chinese is the data only: names and titles
    const data = [payload.item.title, payload.item.planTitle, payload.departmentName, payload.item.number];
    expect(data.reduce((text, s) => text.split(s).join(''), enMail.text)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(mailTo(english, '[Duban] Blue notice')[0].listUnsubscribe).toBeNull();

    // The unsubscribe page (nobody signed in) is in the language of the user the link was made for.
    const visible = (html: string) => html.replace(/<[^>]+>/g, ' ');
    const pageFor = async (user: { id: string }, query = '') =>
      visible(
        (
          await t.request({
            method: 'GET',
            url: `/api/notifications/unsubscribe?token=${encodeURIComponent(
              unsubscribeToken(t.app.get(AppSecret).value, user.id, t.clock.now()),
            )}${query}`,
          })
        ).body,
      );
    const enPage = await pageFor(english);
    expect(enPage).toContain('Unsubscribe from Duban mail');
    expect(enPage).not.toMatch(/[\u4e00-\u9fff]/);
    const zhPage = await pageFor(world.users.eduHead);
    expect(zhPage).toContain('退订督办邮件');
    expect(latinWords(zhPage)).toEqual([]);
    expect(await pageFor(world.users.eduHead, '&lang=en')).toContain('Unsubscribe from Duban mail');
  });

  it('one-click unsubscribe (RFC 8058) stops non-mandatory mail; GET and HEAD only confirm; deadline mail still arrives', async () => {
    const user = world.users.finHead;
    const token = unsubscribeToken(t.app.get(AppSecret).value, user.id, t.clock.now());
    const bad = await t.request({
      method: 'GET',
      url: `/api/notifications/unsubscribe?token=${user.id}.forged`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('链接无效');
    const url = `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
    const unsubscribed = async () =>
      (await t.app.get(NotificationsService).recipients([user.id]))[0].unsubscribed;
    // A link scanner's HEAD and a plain GET change nothing: the page asks for a POST.
    expect((await t.request({ method: 'HEAD', url })).statusCode).toBe(200);
    const confirm = await t.request({ method: 'GET', url });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<form method="post"');
    expect(confirm.body).toContain('必达通知');
    expect(await unsubscribed()).toBe(false);
    // The mail client's one-click POST (RFC 8058 body).
    const res = await t.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('已退订');
    // The token expires.
    const old = unsubscribeToken(
      t.app.get(AppSecret).value,
      user.id,
      new Date(t.clock.now().getTime() - 61 * 86400_000),
    );
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/notifications/unsubscribe?token=${encodeURIComponent(old)}`,
        })
      ).statusCode,
    ).toBe(400);
    const notifications = t.app.get(NotificationsService);
    const [recipient] = await notifications.recipients([user.id]);
    expect(recipient.unsubscribed).toBe(true);
    expect(await notifications.notify(recipient, { template: 'digest', payload: {}, key: 'unsub-1' })).toBe(
      'unsubscribed',
    );
    expect(
      await notifications.notify(recipient, {
        template: 'escalation',
        payload: { notices: [] },
        key: 'unsub-2',
        mandatory: true,
      }),
    ).toBe('queued');
    const session = await t.sessionFor(user);
    const prefs = await t.request({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { subscribed: true, mode: 'daily', language: 'en' },
      headers: { authorization: `Bearer ${session}` },
    });
    expect(prefs.json()).toMatchObject({ mode: 'daily', language: 'en', unsubscribedAt: null });
    await drained(t);
  });

  it('calendar overrides are admin-edited and rebuild the working calendar at once', async () => {
    const admin = await t.sessionFor(await t.createUser(Role.Admin));
    const calendar = t.app.get(WorkingCalendar);
    expect(calendar.isWorkingDay(d('2027-03-03'))).toBe(true);
    const put = await t.request({
      method: 'PUT',
      url: '/api/calendar/overrides/2027-03-03',
      payload: { kind: 'holiday', name: '地方假日' },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(put.statusCode).toBe(200);
    expect(calendar.isWorkingDay(d('2027-03-03'))).toBe(false);
    const list = await t.request({
      method: 'GET',
      url: '/api/calendar/overrides',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(list.json()).toEqual([{ date: '2027-03-03', kind: 'holiday', name: '地方假日' }]);
    const del = await t.request({
      method: 'DELETE',
      url: '/api/calendar/overrides/2027-03-03',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(del.json()).toEqual({ removed: true });
    expect(calendar.isWorkingDay(d('2027-03-03'))).toBe(true);
  });

  it('an app restarted mid-schedule neither duplicates nor loses reminders', async () => {
    const first = await startTestApp();
    let second: TestApp | null = null;
    try {
      const w = await seedWorld(first);
      await setMode(first, w.users.eduHead, 'immediate');
      first.clock.set('2025-09-15T02:00:00Z');
      const item = await addItem(first, w, { dueOn: '2025-10-09', title: '重启测试', cooperate: [] });
      await first.app.get(ReminderSchedulerService).rescheduleItem(item);
      const before = await remindersQueue(first).getJobCounts('delayed');
      await first.close({ keepData: true });

      second = await startTestApp({ reuse: { db: first.db, prefix: first.env.REDIS_PREFIX } });
      second.clock.set('2025-09-15T02:00:00Z');
      const scheduler = second.app.get(ReminderSchedulerService);
      await scheduler.replanAll();
      await scheduler.rescheduleItem(item);
      expect(await remindersQueue(second).getJobCounts('delayed')).toEqual(before);
      second.clock.set('2025-09-30T01:00:30Z');
      await scheduler.promoteDue();
      await second.mail.waitFor((m) => m.subject.includes('重启测试'));
      await scheduler.replanAll();
      await scheduler.promoteDue();
      await drained(second);
      // before_7 (23 Sep) was due while the app was down: on 30 Sep it is no longer true, so it sends nothing
      // (the 1-day reminder of that day says what is); before_1 once. No duplicates.
      const subjects = to(second.mail.messages, w.users.eduHead)
        .map((m) => m.subject)
        .sort();
      expect(subjects).toEqual(['【督办提醒】还有 1 个工作日到期：重启测试']);
    } finally {
      if (second) await second.close();
      else await first.close();
    }
  });

  it('邮件投递 page: dead mail filtered by error, and the bulk 重新发送 of exactly what matches', async () => {
    await notifyOnce('page-refused', true);
    await notifyOnce('page-other', true);
    await drained(t);
    await sql(
      t,
      `UPDATE notification_outbox SET status = 'dead', last_error = CASE idempotency_key
         WHEN 'page-refused' THEN 'connect ECONNREFUSED 127.0.0.1:25' ELSE '550 mailbox unavailable' END
        WHERE idempotency_key IN ('page-refused', 'page-other')`,
    );
    const token = await t.sessionFor(await t.createUser(Role.Admin));
    const cookies = { duban_session: token };
    const page = await t.request({
      method: 'GET',
      url: '/admin/mail?status=dead&error=ECONNREFUSED',
      cookies,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('邮件投递');
    expect(page.body).toContain('connect ECONNREFUSED');
    expect(page.body).not.toContain('550 mailbox unavailable');
    expect(page.body).toContain('按当前筛选条件全部重新发送');

    const retry = await t.request({
      method: 'POST',
      url: '/admin/mail/retry',
      cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenFor(token),
        status: 'dead',
        error: 'ECONNREFUSED',
      }).toString(),
    });
    expect(retry.statusCode).toBe(303);
    expect(retry.headers.location).toContain('done=1');
    await drained(t);
    const rows = await sql<{ key: string; status: string }>(
      t,
      `SELECT idempotency_key AS key, status FROM notification_outbox
        WHERE idempotency_key IN ('page-refused', 'page-other') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { key: 'page-other', status: 'dead' },
      { key: 'page-refused', status: 'sent' },
    ]);
  });
});
