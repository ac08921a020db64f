import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanEvent } from './plan-events';

/**
 * The outbox of plan events: written in the transaction that made the change, relayed to the listeners (which
 * queue jobs in Redis) after the commit. A request therefore never waits on Redis, and an event survives a
 * Redis outage or a crash between commit and queueing.
 */
@Entity('plan_event_outbox')
@Index('IDX_plan_event_outbox_unrelayed', ['id'], { where: '"relayed_at" IS NULL' })
export class PlanEventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'jsonb' })
  event!: PlanEvent;

  /** Relay attempts that failed (a listener threw or timed out). */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}
