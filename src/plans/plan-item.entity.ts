import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './assignment-status.policy';
import { RECURRENCES, type Recurrence } from './deadline-reading.policy';
import {
  ITEM_KINDS,
  type ItemKind,
  type PlanFileBound,
  type PlanFileIncentive,
  type PlanFileTarget,
} from './plan-file.schema';
import { Plan } from './plan.entity';

/** A quantitative target as stored: every key present, absent ones null. */
export interface ItemTarget {
  metric: string;
  comparator: PlanFileTarget['comparator'];
  value: number | null;
  unit: PlanFileTarget['unit'];
  scope: string;
  due: string | null;
  indicator: string | null;
  reference: NonNullable<PlanFileTarget['reference']> | null;
  qualifier: NonNullable<PlanFileTarget['qualifier']> | null;
  counted_if: PlanFileBound | null;
  text: string;
}

/** A reward the item promises (not a target), as stored. */
export type ItemIncentive = PlanFileIncentive;

/** A node of a plan's item tree (goal, task, measure, project, milestone, target). */
@Entity('plan_items')
@Index(['planId', 'ref'], { unique: true })
@Index(['planId', 'position'])
// The lists' `due` sort (SORT_SPECS.due) as an expression index, which TypeORM cannot declare: migration ProvinceScale.
@Index('IDX_plan_items_due_order', { synchronize: false })
export class PlanItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: PlanItem | null;

  /** Stable id within the plan file ("四.(一)"); re-import matches items on it. */
  @Column({ type: 'varchar', length: 200 })
  ref!: string;

  /** Document order within the plan (0-based, parents before children). */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ type: 'enum', enum: ITEM_KINDS, enumName: 'plan_item_kind' })
  kind!: ItemKind;

  /** The number as written: 一 / (一) / 1. / 项目2 / ——2023年灵武市. */
  @Column({ type: 'varchar', length: 100 })
  number!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  /** The source sentence(s), verbatim (Traditional stays Traditional). */
  @Column({ type: 'text' })
  excerpt!: string;

  /** Title, body and excerpt normalised (Simplified, half-width, lower-case) for substring search. */
  @Column({ type: 'text', select: false })
  searchText!: string;

  @Column({ type: 'date', nullable: true })
  startOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  startText!: string | null;

  @Index()
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  dueText!: string | null;

  /**
   * The item's effective due date when it differs from `dueOn`, derived from its lead assignments (their own
   * 办理时限 and approved 延期: the earliest still open, itemEffectiveDueSql) by ItemStatusService.recompute;
   * `dueOn` keeps the plan's date. Never written directly.
   */
  @Column({ type: 'date', nullable: true })
  extendedDueOn!: string | null;

  @Column({ type: 'enum', enum: RECURRENCES, enumName: 'plan_item_recurrence', nullable: true })
  recurrence!: Recurrence | null;

  /** Indicator id (R1..R7, G1..G15, Q1..Q9, S, CERT) the item is measured by. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  indicator!: string | null;

  @Column({ type: 'jsonb' })
  targets!: ItemTarget[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  incentives!: ItemIncentive[];

  /** Derived (deriveItemStatus) and stored so lists can filter and sort on it; refreshed by PlanItemsService. */
  @Index()
  @Column({ type: 'enum', enum: ASSIGNMENT_STATUSES, enumName: 'plan_item_status' })
  status!: AssignmentStatus;

  /** Optimistic concurrency: bumped on every content change; writers send the version they read. */
  @VersionColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** 办结/销号: when and by whom the item was closed (null while open). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
