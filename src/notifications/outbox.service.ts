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
import { renderMail } from './notification-templates';
import { unsubscribeUrl } from './unsubscribe-token';

export interface NewOutboxMessage {
  recipientUserId: string | null;
  recipientEmail: string;
  template: TemplateName;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  mandatory?: boolean;
}

/** Deliveries are retried with exponential backoff (1 s, 2 s, 4 s … ≈ 8.5 min in all) before the row is dead. */
export const MAIL_ATTEMPTS = 10;
export const MAIL_BACKOFF_MS = 1000;
/** How long a sender owns a row it marked `sending`; longer than any SMTP transaction (socket timeout 30 s). */
export const SEND_LEASE_SECONDS = 120;

export const deliverJobOptions = (outboxId: string, suffix = ''): JobsOptions => ({
  jobId: `outbox|${outboxId}${suffix}`,
  attempts: MAIL_ATTEMPTS,
  backoff: { type: 'exponential', delay: MAIL_BACKOFF_MS },
});

export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped' | 'dead';

export interface OutboxView {
  id: string;
  recipientUserId: string | null;
  recipientEmail: string;
  template: TemplateName;
  idempotencyKey: string;
  mandatory: boolean;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  messageId: string | null;
  createdAt: Date;
}

/**
 * The transactional outbox. A message is a row first (`INSERT … ON CONFLICT (idempotency_key) DO NOTHING`), a
 * `mail` job second; the sender claims the row (`sending` + lease) before talking SMTP and marks it `sent`
 * after, so a retried or duplicated job finds the row sent and does nothing.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    private readonly mail: MailService,
    private readonly secret: AppSecret,
    private readonly clock: Clock,
    config: ConfigService<Env, true>,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
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
    // A failure here leaves pending rows; the relay (every minute) queues them.
    await this.queue
      .addBulk(
        ids.map((id) => ({ name: MailJob.Deliver, data: { outboxId: id }, opts: deliverJobOptions(id) })),
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
   * Delivers one row at most once. `finalAttempt` turns a failure into `dead` (the admin's list) instead of
   * `failed` (BullMQ retries). Errors are rethrown so BullMQ schedules the retry.
   */
  async deliver(id: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const claimed = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox
          SET status = 'sending', lease_until = now() + make_interval(secs => $2), attempts = attempts + 1,
              updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'failed')
        RETURNING id, recipient_user_id AS "recipientUserId", recipient_email AS "recipientEmail", template,
                  payload, mandatory`,
      [id, SEND_LEASE_SECONDS],
    );
    const row = returnedRows(claimed)[0];
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
    try {
      const info = await this.mail.send({
        to: row.recipientEmail,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // The same Message-ID on every attempt: a receiving server or client can drop a duplicate.
        messageId: `<outbox-${id}@duban>`,
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
      await this.finish(id, 'sent', info.messageId, null);
      return 'sent';
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      await this.finish(id, finalAttempt ? 'dead' : 'failed', null, message);
      throw error;
    }
  }

  private async notClaimed(id: string): Promise<DeliveryOutcome> {
    const rows = await this.dataSource.query<Array<{ status: OutboxStatus; leased: boolean }>>(
      `SELECT status, lease_until > now() AS leased FROM notification_outbox WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return 'skipped';
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'dead') return 'dead';
    if (row.leased) throw new Error(`outbox ${id} is being sent by another worker; retrying later`);
    // The lease ran out while `sending`: a sender died between SMTP and marking. The mail may have gone out, so
    // sending again could duplicate it: park the row for the admin instead (at most once, never twice).
    await this.dataSource.query(
      `UPDATE notification_outbox SET status = 'dead', lease_until = NULL, updated_at = now(),
              last_error = 'interrupted during sending: may already have been delivered; check before retrying'
        WHERE id = $1 AND status = 'sending' AND lease_until <= now()`,
      [id],
    );
    return 'dead';
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

  /** Queues pending rows that have no job (the enqueue after the insert failed); ids dedupe with live jobs. */
  async relay(olderThanSeconds = 60): Promise<number> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM notification_outbox
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 5000`,
      [olderThanSeconds],
    );
    await this.queue.addBulk(
      rows.map(({ id }) => ({ name: MailJob.Deliver, data: { outboxId: id }, opts: deliverJobOptions(id) })),
    );
    return rows.length;
  }

  async list(filter: { status?: OutboxStatus; limit?: number }): Promise<OutboxView[]> {
    const limit = Math.min(filter.limit ?? 100, 500);
    return this.dataSource.query<OutboxView[]>(
      `SELECT id, recipient_user_id AS "recipientUserId", recipient_email AS "recipientEmail", template,
              idempotency_key AS "idempotencyKey", mandatory, status, attempts, last_error AS "lastError",
              sent_at AS "sentAt", message_id AS "messageId", created_at AS "createdAt"
         FROM notification_outbox
        WHERE ($1::varchar IS NULL OR status = $1)
        ORDER BY created_at DESC LIMIT $2`,
      [filter.status ?? null, limit],
    );
  }

  /** Admin: sends a dead (or failed) message again, with a fresh job. */
  async retry(id: string): Promise<OutboxView> {
    const updated = await this.dataSource.query<unknown>(
      `UPDATE notification_outbox SET status = 'pending', last_error = NULL, lease_until = NULL, updated_at = now()
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
        throw new DomainError(ErrorCode.NOT_FOUND, `没有这条邮件记录 / No such message: ${id}`);
      throw new DomainError(
        ErrorCode.INVALID_STATE,
        '只能重发失败或死信的邮件 / Only failed or dead messages can be retried',
      );
    }
    await this.queue.add(
      MailJob.Deliver,
      { outboxId: id },
      deliverJobOptions(id, `|retry-${row.attempts}-${Date.now()}`),
    );
    return (await this.get(id))!;
  }

  async get(id: string): Promise<OutboxView | null> {
    const rows = await this.dataSource.query<OutboxView[]>(
      `SELECT id, recipient_user_id AS "recipientUserId", recipient_email AS "recipientEmail", template,
              idempotency_key AS "idempotencyKey", mandatory, status, attempts, last_error AS "lastError",
              sent_at AS "sentAt", message_id AS "messageId", created_at AS "createdAt"
         FROM notification_outbox WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

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
