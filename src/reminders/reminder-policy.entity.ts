import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReminderPolicyOverride } from './reminder.policy';

export const POLICY_SCOPES = ['global', 'plan', 'item'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

/** Stored scope id of the one global row (plans and items use their uuid). */
export const GLOBAL_SCOPE_ID = 'global';

/** Reminder settings stored per scope: the global default, a plan's and an item's overrides (mergePolicy). */
@Entity('reminder_policies')
@Index(['scope', 'scopeId'], { unique: true })
export class ReminderPolicyRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  scope!: PolicyScope;

  /** The plan or item id; `global` for the global row. */
  @Column({ type: 'varchar', length: 64 })
  scopeId!: string;

  @Column({ type: 'jsonb' })
  policy!: ReminderPolicyOverride;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
