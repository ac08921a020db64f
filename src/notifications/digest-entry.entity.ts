import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

export const DIGEST_ENTRY_KINDS = ['reminder', 'backlog', 'report-request', 'overflow'] as const;
export type DigestEntryKind = (typeof DIGEST_ENTRY_KINDS)[number];

/**
 * Something a user should hear about in the next digest rather than in a mail of its own: reminders of digest
 * users, an imported backlog, messages over the daily cap. Consumed (`digested_at`) by the digest that lists it.
 */
@Entity('digest_entries')
@Index(['userId', 'digestedAt'])
export class DigestEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: DigestEntryKind;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 400 })
  dedupeKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  digestedAt!: Date | null;
}
