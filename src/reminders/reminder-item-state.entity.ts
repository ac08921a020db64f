import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PlanItem } from '../plans/plan-item.entity';

/**
 * What the reminder side knows about an item beyond the item itself: the due date after an approved extension
 * (from `extension.decided`), the day the extension was approved (stops the running escalation ladder) and
 * the backlog window of an item imported already past due (its reminders go to the digest until then).
 */
@Entity('reminder_item_states')
export class ReminderItemState {
  @PrimaryColumn({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Column({ type: 'date', nullable: true })
  effectiveDueOn!: string | null;

  @Column({ type: 'date', nullable: true })
  extensionApprovedOn!: string | null;

  /** Until this day (inclusive) the item is backlog: no single reminders, no escalation; digests cover it. */
  @Column({ type: 'date', nullable: true })
  backlogUntil!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
