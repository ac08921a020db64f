import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Department } from '../departments/department.entity';
import { PlanItem } from '../plans/plan-item.entity';
import { User } from '../users/user.entity';

export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** 延期申请: an assigned department asks for its own later due date (its assignment's); the office or a leader decides.
 * (Formerly: the lead department asks for a later due date; the office or a leader decides.) */
@Entity('extension_requests')
@Index(['itemId', 'createdAt'])
// One open request per department and item at a time (each 承办单位 asks for its own 延期).
@Index('UQ_extension_requests_pending', ['itemId', 'departmentId'], {
  unique: true,
  where: `"state" = 'pending'`,
})
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Column({ type: 'uuid' })
  departmentId!: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;

  @Column({ type: 'text' })
  reason!: string;

  /** The effective due date when asked (the original, or an earlier extension). */
  @Column({ type: 'date' })
  currentDueOn!: string;

  @Column({ type: 'date' })
  requestedDueOn!: string;

  @Index()
  @Column({ type: 'enum', enum: EXTENSION_STATES, enumName: 'extension_state' })
  state!: ExtensionState;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_user_id' })
  requestedBy?: User | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id' })
  decidedBy?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionComment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
