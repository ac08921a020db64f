import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A value as the log stores it: JSON, dates as ISO strings (`toAuditValue` makes one). Lists and objects are
 * typed `object` because TypeORM's insert types cannot follow a recursive JSON type.
 */
export type AuditValue = string | number | boolean | null | object;

/** One changed field of an audited entity: before → after. */
export interface AuditChange {
  field: string;
  before: AuditValue;
  after: AuditValue;
}

/**
 * One change to one entity: who (a user, or null for the system/import), when, what, before → after.
 * Append-only. No foreign keys on purpose: history outlives the users and rows it mentions.
 */
@Entity('audit_entries')
@Index(['itemId', 'seq'])
@Index(['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /**
   * Insertion order. `at` is the transaction's time (now()), shared by every entry of one import, so history
   * is ordered by this sequence instead.
   */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', select: true })
  seq!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** Name of the user, or of the system process (`plans:import`), as it was at the time. */
  @Column({ type: 'varchar', length: 200 })
  actorLabel!: string;

  /** `plan`, `plan_item`, `assignment`, `department`, `region`, `leadership_group` … */
  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  /** uuid of the entity, or a region code. */
  @Column({ type: 'varchar', length: 64 })
  entityId!: string;

  /** The plan item the change belongs to (the item itself or one of its assignments), for per-item history. */
  @Column({ type: 'uuid', nullable: true })
  itemId!: string | null;

  /** `created`, `updated`, `cancelled`, `removed`, `restored` … */
  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'jsonb' })
  changes!: AuditChange[];

  /** What caused it, e.g. `plans:import yinchuan-2021.yaml` or `PATCH /api/items/…`. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  source!: string | null;
}
