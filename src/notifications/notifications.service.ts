import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { MailAddress } from '../departments/department-mail';
import type { Env } from '../config/env.schema';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import type { DigestEntryKind } from './digest-entry.entity';
import type { TemplateName } from './notification-outbox.entity';
import {
  type Language,
  LANGUAGES,
  NOTIFICATION_MODES,
  type NotificationMode,
} from './notification-preference.entity';
import { OutboxService } from './outbox.service';

/** A person mail may go to, with their settings (from `notification_preferences`, defaults when none). */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
  mode: NotificationMode;
  language: Language;
  unsubscribed: boolean;
}

export interface Notification {
  template: TemplateName;
  payload: Record<string, unknown>;
  /** Unique per message and recipient; a second notify with the same key does nothing. */
  key: string;
  /** Escalation notices: ignore unsubscribe and the daily cap. */
  mandatory?: boolean;
  /** When the message cannot go now (cap reached, digest user): what the next digest should say instead. */
  digest?: { kind: DigestEntryKind; itemId: string | null; payload: Record<string, unknown> };
  /** Send even to digest users (urgent reminders); default false for mail with a digest fallback. */
  urgent?: boolean;
  /** Not counted against the daily cap (the digest itself: it is where capped mail goes). */
  uncapped?: boolean;
}

export type NotifyOutcome = 'queued' | 'duplicate' | 'digest' | 'unsubscribed';

export interface PreferencesView {
  mode: NotificationMode;
  language: Language;
  unsubscribedAt: Date | null;
}

/**
 * Decides how a message reaches a person: its own mail (outbox), a line in their next digest (digest users,
 * over the daily cap) or nothing (unsubscribed from non-mandatory mail). The per-recipient daily cap
 * (REMINDER_DAILY_CAP) is counted in Redis per Shanghai day of the Clock; escalation notices are not counted.
 */
@Injectable()
export class NotificationsService {
  private readonly cap: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    config: ConfigService<Env, true>,
  ) {
    this.cap = config.get('REMINDER_DAILY_CAP', { infer: true });
  }

  async notify(recipient: Recipient, n: Notification): Promise<NotifyOutcome> {
    if (!n.mandatory && recipient.unsubscribed) return 'unsubscribed';
    if (await this.outbox.exists(n.key)) return 'duplicate';
    const toDigest = async (kind: DigestEntryKind): Promise<NotifyOutcome> => {
      if (!n.digest) return 'duplicate';
      await this.addDigestEntry(recipient.userId, { ...n.digest, kind }, n.key);
      return 'digest';
    };
    if (!n.mandatory && n.digest && !n.urgent && recipient.mode !== 'immediate')
      return toDigest(n.digest.kind);
    if (!n.mandatory && !n.uncapped) {
      const counter = this.keys.key('mailcap', recipient.userId, this.clock.today());
      const count = await this.redis.incr(counter);
      if (count === 1) await this.redis.expire(counter, 3 * 86400);
      if (count > this.cap) {
        await this.redis.decr(counter);
        return n.digest ? toDigest('overflow') : 'digest';
      }
    }
    const ids = await this.outbox.enqueue([
      {
        recipientUserId: recipient.userId,
        recipientEmail: recipient.email,
        template: n.template,
        payload: n.payload,
        idempotencyKey: n.key,
        mandatory: n.mandatory,
      },
    ]);
    return ids.length ? 'queued' : 'duplicate';
  }

  /**
   * Mail to an address that is no account (a department's 联络人, the office's mailbox): no settings, no daily
   * cap and no digest to fold into, so it goes as it is; the key makes a second call do nothing.
   */
  async notifyAddress(address: MailAddress, n: Notification): Promise<NotifyOutcome> {
    const ids = await this.outbox.enqueue([
      {
        recipientUserId: null,
        recipientEmail: address.email,
        template: n.template,
        payload: n.payload,
        idempotencyKey: n.key,
        mandatory: n.mandatory,
      },
    ]);
    return ids.length ? 'queued' : 'duplicate';
  }

  async addDigestEntry(
    userId: string,
    entry: { kind: DigestEntryKind; itemId: string | null; payload: Record<string, unknown> },
    dedupeKey: string,
  ): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO digest_entries (user_id, item_id, kind, payload, dedupe_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [userId, entry.itemId, entry.kind, JSON.stringify(entry.payload), dedupeKey],
    );
    return rows.length > 0;
  }

  /** Settings of active users by id; users without a row get the defaults. Inactive users are left out. */
  async recipients(userIds: readonly string[]): Promise<Recipient[]> {
    if (userIds.length === 0) return [];
    return this.dataSource.query<Recipient[]>(
      `SELECT u.id AS "userId", u.email, u.name,
              COALESCE(np.mode, 'weekly') AS mode,
              COALESCE(np.language, CASE WHEN u.locale = 'en' THEN 'en' ELSE 'zh-CN' END) AS language,
              np.unsubscribed_at IS NOT NULL AS unsubscribed
         FROM users u LEFT JOIN notification_preferences np ON np.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.is_active
        ORDER BY u.email`,
      [userIds],
    );
  }

  async preferences(userId: string): Promise<PreferencesView> {
    const rows = await this.dataSource.query<PreferencesView[]>(
      `SELECT mode, language, unsubscribed_at AS "unsubscribedAt" FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? { mode: 'weekly', language: 'zh-CN', unsubscribedAt: null };
  }

  async setPreferences(
    userId: string,
    change: { mode?: NotificationMode; language?: Language; subscribed?: boolean },
  ): Promise<PreferencesView> {
    const current = await this.preferences(userId);
    const mode = change.mode ?? current.mode;
    const language = change.language ?? current.language;
    if (!NOTIFICATION_MODES.includes(mode) || !LANGUAGES.includes(language))
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('notifications.bad_preference'));
    const unsubscribedAt =
      change.subscribed === undefined ? current.unsubscribedAt : change.subscribed ? null : this.clock.now();
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, mode, language, unsubscribed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET mode = $2, language = $3, unsubscribed_at = $4, updated_at = now()`,
      [userId, mode, language, unsubscribedAt],
    );
    return this.preferences(userId);
  }

  /** The one-click link: idempotent, keeps the first date. */
  async unsubscribe(userId: string): Promise<boolean> {
    const exists = await this.dataSource.query<unknown[]>('SELECT 1 FROM users WHERE id = $1', [userId]);
    if (!exists.length) return false;
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, unsubscribed_at) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET unsubscribed_at = COALESCE(notification_preferences.unsubscribed_at, $2),
              updated_at = now()`,
      [userId, this.clock.now()],
    );
    return true;
  }
}
