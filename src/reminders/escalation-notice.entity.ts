import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PlanItem } from '../plans/plan-item.entity';
import type { EscalationReason } from './reminder.policy';

export const ESCALATION_LEVELS = ['blue', 'yellow', 'red'] as const;
export type NoticeLevel = (typeof ESCALATION_LEVELS)[number];

export interface NoticePerson {
  /** null: an address that is no account (a department's 联络人, the office's mailbox) */
  userId: string | null;
  name: string;
  email: string;
  /** the department this person receives the notice for (主送) */
  departmentName?: string;
  /** why this person is on the notice: department head, office, leader */
  as: 'department' | 'office' | 'leader';
}

/** The item as it stood when the notice was issued (what the printed 督办单 shows). */
export interface NoticeSnapshot {
  planTitle: string;
  planDocNumber: string | null;
  ref: string;
  number: string;
  title: string;
  status: string;
  dueOn: string;
  effectiveDueOn: string;
  reasons: EscalationReason[];
  leadDepartments: string[];
  cooperatingDepartments: string[];
  overdueWorkingDays: number;
  /** Calendar days past the due date on the day of issue (absent in notices issued before it was recorded). */
  overdueCalendarDays?: number;
  /** The written reply (书面回复) is due by this day. */
  replyBy?: string;
  /** 主送: the departments the notice is addressed to (absent in notices issued before it was recorded). */
  addressedTo?: string[];
}

/** One 督办单: an escalation step of an item. One row per item, ladder and level (issuing twice is a no-op). */
@Entity('escalation_notices')
@Index(['itemId', 'ladderStart', 'level'], { unique: true })
@Index(['issuedAt'])
@Index('IDX_escalation_notices_office_number', ['officeKey', 'year', 'number'], { unique: true })
export class EscalationNotice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: NoticeLevel;

  /** First day of the escalation run the notice belongs to (an approved extension starts a new one). */
  @Column({ type: 'date' })
  ladderStart!: string;

  @Column({ type: 'date' })
  issuedOn!: string;

  /** The office (the plan's region) whose series of 督办件 numbers the notice is in: 〔year〕第number号. */
  @Column({ type: 'varchar', length: 40 })
  officeKey!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  number!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'jsonb' })
  recipients!: NoticePerson[];

  @Column({ type: 'jsonb' })
  cc!: NoticePerson[];

  @Column({ type: 'jsonb' })
  snapshot!: NoticeSnapshot;
}
