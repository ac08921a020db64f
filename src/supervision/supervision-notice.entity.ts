import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Department } from '../departments/department.entity';
import { PlanItem } from '../plans/plan-item.entity';

/**
 * The last 督办件 number given per office and year. The row is locked by the `INSERT … ON CONFLICT DO UPDATE`
 * that takes the next number, inside the transaction that writes the notice: a concurrent issue waits, and a
 * rolled-back issue gives its number back, so numbers are unique and gap-free.
 */
@Entity('supervision_counters')
export class SupervisionCounter {
  /** The issuing office: the region code of the plan's leadership group office. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  officeKey!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  lastNumber!: number;
}

/** A numbered 督办件 (督办通知) on an item: 〔year〕第N号, with its 办理时限 and 反馈 deadline as printed. */
@Entity('supervision_notices')
@Index(['officeKey', 'year', 'number'], { unique: true })
export class SupervisionNotice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Column({ type: 'varchar', length: 40 })
  officeKey!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'date' })
  issuedOn!: string;

  /** The item's effective 办理时限 when issued (null: none set). */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  /** By when the departments answer (反馈). */
  @Column({ type: 'date' })
  replyDueOn!: string;

  /** 主送: the departments as printed (names), lead first. */
  @Column({ type: 'jsonb' })
  departments!: string[];

  @Column({ type: 'uuid', nullable: true })
  issuedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export const SUPERVISION_ACTION_KINDS = ['urge', 'reply'] as const;
export type SupervisionActionKind = (typeof SUPERVISION_ACTION_KINDS)[number];

/** 催办 by the office (to a department) and 反馈 by a department (on a notice): the item's timeline. */
@Entity('supervision_actions')
@Index(['itemId', 'createdAt'])
export class SupervisionAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Column({ type: 'varchar', length: 10 })
  kind!: SupervisionActionKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  noticeId!: string | null;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: SupervisionNotice | null;

  /** urge: the department urged; reply: the department answering. */
  @Column({ type: 'uuid' })
  departmentId!: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;

  @Column({ type: 'text' })
  text!: string;

  /** 反馈 attachments as stored by EvidenceStorage. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  files!: Array<{
    id: string;
    storageKey: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
  }>;

  /** 催办: how many mails were queued (0 means nobody could receive it). */
  @Column({ type: 'int', nullable: true })
  mailed!: number | null;

  @Column({ type: 'uuid', nullable: true })
  byUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
