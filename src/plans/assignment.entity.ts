import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Department } from '../departments/department.entity';
import { PlanItem } from './plan-item.entity';
import { User } from '../users/user.entity';

export const ASSIGNMENT_ROLES = ['lead', 'cooperate'] as const;
/** lead 牵头/责任单位; cooperate 配合单位. */
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/**
 * A plan item given to a department. Removed on re-import only softly (`removedAt`), so its 签收, reports and
 * history survive and come back if the plan file names the department again.
 */
@Entity('assignments')
@Index(['itemId', 'departmentId'], { unique: true })
export class Assignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Index()
  @Column({ type: 'uuid' })
  departmentId!: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;

  @Column({ type: 'enum', enum: ASSIGNMENT_ROLES, enumName: 'assignment_role' })
  role!: AssignmentRole;

  /** 签收: when and by whom the department acknowledged the assignment. */
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'acknowledged_by_user_id' })
  acknowledgedBy?: User | null;

  /** The department's own 办理时限; null = the item's date (assignmentEffectiveDueOn). */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  /** Date granted by this department's latest approved 延期, or null. */
  @Column({ type: 'date', nullable: true })
  extendedDueOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
