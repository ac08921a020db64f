import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const TEMPLATES = [
  'reminder',
  'digest',
  'escalation',
  'import-summary',
  'leadership-summary',
  'report-request',
  'urge',
  'supervision-notice',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * Transactional outbox: every mail is a row written before anything is sent; `idempotency_key` (unique) is what
 * makes "send once" hold across retries, restarts and re-planning. The `mail` queue delivers the rows.
 */
@Entity('notification_outbox')
@Index(['status', 'createdAt'])
@Index(['recipientUserId', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  recipientEmail!: string;

  @Column({ type: 'varchar', length: 40 })
  template!: TemplateName;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 400 })
  idempotencyKey!: string;

  /** Escalation notices: sent even to unsubscribed users and never capped. */
  @Column({ type: 'boolean', default: false })
  mandatory!: boolean;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** `failed`: when the next attempt is due (exponential backoff, capped). */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** First failure of the current retry window; `dead` once MAIL_RETRY_WINDOW_SECONDS have passed since. */
  @Column({ type: 'timestamptz', nullable: true })
  retryingSince!: Date | null;

  /**
   * Claims taken over from a sender whose lease ran out (it crashed): each one may have delivered already, so
   * this counts possible duplicates (sent again with the same Message-ID).
   */
  @Column({ type: 'int', default: 0 })
  interruptions!: number;

  /** While `sending`: until when the sender owns the row. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
