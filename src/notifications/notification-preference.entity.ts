import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const NOTIFICATION_MODES = ['immediate', 'daily', 'weekly'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A user's mail settings; a user without a row has the defaults (weekly digest, Chinese, subscribed). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 10, default: 'weekly' })
  mode!: NotificationMode;

  @Column({ type: 'varchar', length: 5, default: 'zh-CN' })
  language!: Language;

  /** Set by the one-click link: no more non-mandatory mail (escalation notices still arrive). */
  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
