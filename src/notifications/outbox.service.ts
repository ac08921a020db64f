import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import type { Env } from '../config/env.schema';
import { DomainError, ErrorCode } from '../common/domain-error';
import { MailService } from '../mail/mail.service';
import { MailJob, QueueName } from '../queue/queues';
import { AppSecret } from './app-secret.provider';
import type { Language } from './notification-preference.entity';
import type { OutboxMessage, OutboxStatus, TemplateName } from './notification-outbox.entity';
import { msg } from '../common/i18n/catalog';
import { renderMail, senderName } from './notification-templates';
import { unsubscribeUrl } from './unsubscribe-token';

export interface NewOutboxMessage {
  recipientUserId: string | null;
  recipientEmail: string;
  template: TemplateName;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  mandatory?: boolean;
}

/** The first job of a row; retries and relays use `outbox|<id>|<attempts>[|…]`. */
export const deliverJobOptions = (jobId: string, delay = 0): JobsOptions => ({
  jobId,
  delay,
  // PostgreSQL drives retries (next_attempt_at, the retry window); BullMQ only re-runs a job whose handler
  // could not reach the database.
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
});

/** Exponential backoff of the n-th failed attempt (1-based), capped: base · 2^(n−1), at most `max`. */
export function backoffSeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

export interface OutboxFilter {
  status?: OutboxStatus;
  /** created at or after */
  from?: string;
  /** created before */
  to?: string;
  /** part of the recipient address (case-insensitive) */
  recipient?: string;
  /** part of the last error (case-insensitive) */
  error?: string;
  limit?: number;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped' | 'dead' | 'failed' | 'not-due' | 'busy';

export interface OutboxView {
  id: string;
  recipientUserId: string | null;
  recipientEmail: string;
  template: TemplateName;
  idempotencyKey: string;
  mandatory: boolean;
  status: OutboxStatus;
  attempts: number;
  interruptions: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  messageId: string | null;
  createdAt: Date;
}

/**
 * The transactional outbox. A message is a row first (`INSERT … ON CONFLICT (idempotency_key) DO NOTHING`), a
 * `mail` job second (a nudge: the relay queues whatever has no job). Delivery is **at least once**: the sender
 * claims one row at a time (`sending` + a short lease) before talking SMTP and marks it `sent` after; a row
 * whose sender died (lease run out) is claimed again and sent again with the same Message-ID, counted in
 * `interruptions` — a possible duplicate, never a loss. Failures retry with capped exponential backoff for
 * MAIL_RETRY_WINDOW_SECONDS, then the row is `dead` (bulk retry in the admin API and page).
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly publicUrl: string;
  private readonly retryWindowSeconds: number;
  private readonly backoffBase: number;
  private readonly backoffMax: number;
  private readonly leaseSeconds: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    private readonly mail: MailService,
    private readonly secret: AppSecret,
    private readonly clock: Clock,
    config: ConfigService<Env, true>,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
    this.retryWindowSeconds = config.get('MAIL_RETRY_WINDOW_SECONDS', { infer: true });
    this.backoffBase = config.get('MAIL_BACKOFF_BASE_SECONDS', { infer: true });
    this.backoffMax = config.get('MAIL_BACKOFF_MAX_SECONDS', { infer: true });
    this.leaseSeconds = config.get('MAIL_LEASE_SECONDS', { infer: true });
  }

  /** Writes the messages (duplicates by key are ignored) and queues the new ones; returns the new ids. */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const ids: string[] = [];
    for (let i = 0; i < messages.length; i += 1000) {
      const chunk = messages.slice(i, i + 1000);
      const rows = await this.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO notification_outbox (recipient_user_id, recipient_email, template, payload, idempotency_key, mandatory)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::jsonb[], $5::varchar[], $6::boolean[])
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [
          chunk.map((m) => m.recipientUserId),
          chunk.map((m) => m.recipientEmail),
          chunk.map((m) => m.template),
          chunk.map((m) => JSON.stringify(m.payload)),
          chunk.map((m) => m.idempotencyKey),
          chunk.map((m) => m.mandatory ?? false),
        ],
      );
      ids.push(...rows.map((r) => r.id));
    }
    // Not awaited: Redis down must not hold the caller (rows are the truth); the relay queues what is missed.
    if (ids.length)
      void this.queue
        .addBulk(
          ids.map((id) => ({
            name: MailJob.Deliver,
            data: { outboxId: id },
            opts: deliverJobOptions(`outbox|${id}`),
          })),
        )
        .catch((error: Error) => this.logger.warn(`queued later by the relay: ${error.message}`));
    return ids;
  }

  async exists(idempotencyKey: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM notification_outbox WHERE idempotency_key = $1',
      [idempotencyKey],
    );
    return rows.length > 0;
  }

  /**
   * Delivers one row if it is due: pending, failed with its next attempt due, or `sending` with the lease of a
   * dead sender run out (taken over and counted as an interruption). A failure schedules the next attempt
   * (PostgreSQL first, then a delayed job) or, past the retry window, makes the row `dead`.
   */
  async deliver(id: string): Promise<DeliveryOutcome> {
    const claimed = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox
          SET interruptions = interruptions + CASE WHEN status = 'sending' THEN 1 ELSE 0 END,
              status = 'sending', lease_until = now() + make_interval(secs => $2), attempts = attempts + 1,
              updated_at = now()
        WHERE id = $1
          AND (status = 'pending'
               OR (status = 'failed' AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '1 second'))
               OR (status = 'sending' AND lease_until <= now()))
        RETURNING id, recipient_user_id AS "recipientUserId", recipient_email AS "recipientEmail", template,
                  payload, mandatory, attempts`,
      [id, this.leaseSeconds],
    );
    const row = returnedRows<OutboxMessage>(claimed)[0];
    if (!row) return this.notClaimed(id);

    const recipient = await this.recipientState(row.recipientUserId);
    if (recipient && (!recipient.active || (!row.mandatory && recipient.unsubscribed))) {
      await this.finish(
        id,
        'sent',
        null,
        recipient.active ? 'skipped: unsubscribed' : 'skipped: user deactivated',
      );
      return 'skipped';
    }
    const language: Language = recipient?.language ?? 'zh-CN';
    const unsubscribe =
      !row.mandatory && row.recipientUserId
        ? unsubscribeUrl(this.publicUrl, this.secret.value, row.recipientUserId, this.clock.now())
        : undefined;
    const rendered = renderMail(row.template, row.payload, {
      language,
      publicUrl: this.publicUrl,
      unsubscribeUrl: unsubscribe,
    });
    let info: { messageId: string };
    try {
      info = await this.mail.send({
        to: row.recipientEmail,
        // 督办系统 for a Chinese reader (the configured name when it is already Chinese), Duban in English.
        fromName: senderName(this.mail.fromName, language),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // The same Message-ID on every attempt: a receiving server or client can drop a duplicate.
        messageId: outboxMessageId(id),
        headers: {
          'X-Duban-Outbox-Id': id,
          'X-Duban-Template': row.template,
          // RFC 8058 one-click unsubscribe (RFC 2369 header); mandatory deadline mail and 督办单 carry none.
          ...(unsubscribe
            ? {
                'List-Unsubscribe': `<${unsubscribe}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
      });
    } catch (error) {
      return this.failed(id, row.attempts, (error as Error).message.slice(0, 2000));
    }
    await this.finish(id, 'sent', info.messageId, null);
    return 'sent';
  }

  /** Records a failed attempt: `failed` with the next attempt due after the backoff, or `dead` past the window. */
  private async failed(id: string, attempts: number, message: string): Promise<DeliveryOutcome> {
    const delay = backoffSeconds(attempts, this.backoffBase, this.backoffMax);
    const updated = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox
          SET retrying_since = COALESCE(retrying_since, now()),
              status = CASE WHEN COALESCE(retrying_since, now()) + make_interval(secs => $3) <= now()
                            THEN 'dead' ELSE 'failed' END,
              next_attempt_at = now() + make_interval(secs => $4),
              last_error = $2, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending'
        RETURNING status`,
      [id, message, this.retryWindowSeconds, delay],
    );
    const row = returnedRows<{ status: OutboxStatus }>(updated)[0];
    if (!row) return 'failed';
    if (row.status === 'dead') return 'dead';
    // A nudge: if Redis is down the relay queues the retry from next_attempt_at.
    void this.queue
      .add(
        MailJob.Deliver,
        { outboxId: id },
        deliverJobOptions(`outbox|${id}|${attempts}`, Math.round(delay * 1000)),
      )
      .catch((error: Error) =>
        this.logger.warn(`retry of ${id} queued later by the relay: ${error.message}`),
      );
    return 'failed';
  }

  private async notClaimed(id: string): Promise<DeliveryOutcome> {
    const rows = await this.dataSource.query<Array<{ status: OutboxStatus }>>(
      `SELECT status FROM notification_outbox WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return 'skipped';
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'dead') return 'dead';
    // `sending` under a live lease (another sender) or `failed` not yet due: the relay comes back for it.
    return row.status === 'sending' ? 'busy' : 'not-due';
  }

  private async finish(
    id: string,
    status: OutboxStatus,
    messageId: string | null,
    lastError: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_outbox
          SET status = $2::varchar, message_id = COALESCE($3::varchar, message_id), last_error = $4::text,
              lease_until = NULL, sent_at = CASE WHEN $2::varchar = 'sent' THEN now() ELSE sent_at END,
              updated_at = now()
        WHERE id = $1`,
      [id, status, messageId, lastError],
    );
  }

  private async recipientState(
    userId: string | null,
  ): Promise<{ active: boolean; unsubscribed: boolean; language: Language } | null> {
    if (!userId) return null;
    const rows = await this.dataSource.query<
      Array<{ active: boolean; unsubscribed: boolean; language: Language | null; locale: string }>
    >(
      `SELECT u.is_active AS active, np.unsubscribed_at IS NOT NULL AS unsubscribed, np.language, u.locale
         FROM users u LEFT JOIN notification_preferences np ON np.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return { active: false, unsubscribed: true, language: 'zh-CN' };
    return {
      active: row.active,
      unsubscribed: row.unsubscribed,
      language: row.language ?? (row.locale === 'en' ? 'en' : 'zh-CN'),
    };
  }

  /**
   * Queues what PostgreSQL says is due but Redis may not hold (Redis restarted without its data, a nudge that
   * failed, a sender that died): pending rows older than `pendingAfterSeconds`, failed rows whose next
   * attempt is due, `sending` rows whose lease ran out. Job ids carry the attempt count, so a relay running
   * twice queues one job; a claim is atomic, so a job too many sends nothing.
   */
  async relay(pendingAfterSeconds = 60): Promise<number> {
    const rows = await this.dataSource.query<Array<{ id: string; attempts: number; status: OutboxStatus }>>(
      `SELECT id, attempts, status FROM notification_outbox
        WHERE (status = 'pending' AND updated_at < now() - make_interval(secs => $1))
           OR (status = 'failed' AND next_attempt_at <= now())
           OR (status = 'sending' AND lease_until <= now())
        ORDER BY created_at LIMIT 5000`,
      [pendingAfterSeconds],
    );
    if (rows.length === 0) return 0;
    const jobs = [];
    for (const row of rows) {
      const jobId = `outbox|${row.id}|${row.attempts}${row.status === 'sending' ? '|lease' : ''}`;
      const existing = await this.queue.getJob(jobId);
      const state = existing ? await existing.getState() : null;
      if (state && ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'].includes(state))
        continue;
      // A finished job under that id would swallow the new one: give the relay's job its own id.
      const id = existing ? `${jobId}|relay-${Date.now()}` : jobId;
      jobs.push({ name: MailJob.Deliver, data: { outboxId: row.id }, opts: deliverJobOptions(id) });
    }
    await this.queue.addBulk(jobs);
    return jobs.length;
  }

  /** Counts by status, and the possible duplicates (interrupted sends) — for health, the figures, tests. */
  async counts(): Promise<Record<OutboxStatus, number> & { interruptions: number }> {
    const rows = await this.dataSource.query<Array<{ status: OutboxStatus; n: number; i: number }>>(
      `SELECT status, count(*)::int AS n, sum(interruptions)::int AS i FROM notification_outbox GROUP BY status`,
    );
    const out = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0, interruptions: 0 };
    for (const row of rows) {
      out[row.status] = row.n;
      out.interruptions += row.i;
    }
    return out;
  }

  async list(filter: OutboxFilter): Promise<OutboxView[]> {
    const limit = Math.min(filter.limit ?? 100, 500);
    const { where, params } = filterSql(filter);
    return this.dataSource.query<OutboxView[]>(
      `SELECT ${VIEW_COLUMNS} FROM notification_outbox WHERE ${where}
        ORDER BY created_at DESC LIMIT ${limit}`,
      params,
    );
  }

  /**
   * Admin: sends again every dead (or failed) message that matches the filter — by time, recipient, error —
   * with a fresh retry window. Returns how many were requeued.
   */
  async retryMany(filter: Omit<OutboxFilter, 'limit'>): Promise<{ retried: number }> {
    const status = filter.status ?? 'dead';
    if (status !== 'dead' && status !== 'failed')
      throw new DomainError(ErrorCode.INVALID_STATE, msg('notifications.outbox.not_retriable'));
    const { where, params } = filterSql({ ...filter, status });
    const rows = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox
          SET status = 'pending', last_error = NULL, lease_until = NULL, next_attempt_at = NULL,
              retrying_since = NULL, updated_at = now()
        WHERE ${where}
        RETURNING id, attempts`,
      params,
    );
    const retried = returnedRows<{ id: string; attempts: number }>(rows);
    // A nudge per row; the relay queues whatever this misses.
    void this.queue
      .addBulk(
        retried.map((r) => ({
          name: MailJob.Deliver,
          data: { outboxId: r.id },
          opts: deliverJobOptions(`outbox|${r.id}|${r.attempts}|retry-${Date.now()}`),
        })),
      )
      .catch((error: Error) => this.logger.warn(`bulk retry queued later by the relay: ${error.message}`));
    return { retried: retried.length };
  }

  /** Admin: sends a dead (or failed) message again, with a fresh job. */
  async retry(id: string): Promise<OutboxView> {
    const updated = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox SET status = 'pending', last_error = NULL, lease_until = NULL,
              next_attempt_at = NULL, retrying_since = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('dead', 'failed') RETURNING id, attempts`,
      [id],
    );
    const row = returnedRows<{ id: string; attempts: number }>(updated)[0];
    if (!row) {
      const exists = await this.dataSource.query<unknown[]>(
        'SELECT 1 FROM notification_outbox WHERE id = $1',
        [id],
      );
      if (!exists.length)
        throw new DomainError(ErrorCode.NOT_FOUND, msg('notifications.outbox.not_found', { id }));
      throw new DomainError(ErrorCode.INVALID_STATE, msg('notifications.outbox.not_retriable'));
    }
    void this.queue
      .add(
        MailJob.Deliver,
        { outboxId: id },
        deliverJobOptions(`outbox|${id}|${row.attempts}|retry-${Date.now()}`),
      )
      .catch((error: Error) =>
        this.logger.warn(`retry of ${id} queued later by the relay: ${error.message}`),
      );
    return (await this.get(id))!;
  }

  async get(id: string): Promise<OutboxView | null> {
    const rows = await this.dataSource.query<OutboxView[]>(
      `SELECT ${VIEW_COLUMNS} FROM notification_outbox WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

/** The Message-ID of every attempt of one row. */
export const outboxMessageId = (id: string): string => `<outbox-${id}@duban>`;

const VIEW_COLUMNS = `id, recipient_user_id AS "recipientUserId", recipient_email AS "recipientEmail", template,
  idempotency_key AS "idempotencyKey", mandatory, status, attempts, interruptions,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", sent_at AS "sentAt", message_id AS "messageId",
  created_at AS "createdAt"`;

/** The admin's filter as SQL (parameters only; the column names are fixed). */
function filterSql(filter: Omit<OutboxFilter, 'limit'>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.status) add('status = ?', filter.status);
  if (filter.from) add('created_at >= ?::timestamptz', filter.from);
  if (filter.to) add('created_at < ?::timestamptz', filter.to);
  if (filter.recipient) add("recipient_email ILIKE '%' || ? || '%'", escapeLike(filter.recipient));
  if (filter.error) add("last_error ILIKE '%' || ? || '%'", escapeLike(filter.error));
  return { where: clauses.length ? clauses.join(' AND ') : 'TRUE', params };
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with `[rows, affected]` and an INSERT with `rows`. */
export function returnedRows<T = OutboxMessage>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
