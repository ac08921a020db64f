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
import { Assignment } from '../plans/assignment.entity';

export const PROGRESS_REPORT_STATES = ['submitted', 'approved', 'returned'] as const;
/** submitted: awaits review (反馈/复核); approved; returned (退回) with a comment, to be resubmitted. */
export type ProgressReportState = (typeof PROGRESS_REPORT_STATES)[number];

/**
 * A progress report (办理情况) of one assigned department on an item for one reporting period. Never edited
 * after submission except by its review; a resubmission after a return is a new row pointing at the returned one.
 */
@Entity('progress_reports')
@Index(['itemId', 'submittedAt'])
// At most one report per assignment awaits review (the database keeps it so under concurrent submissions).
@Index('UQ_progress_reports_pending', ['assignmentId'], { unique: true, where: `"state" = 'submitted'` })
export class ProgressReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PlanItem;

  @Index()
  @Column({ type: 'uuid' })
  assignmentId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: Assignment;

  @Column({ type: 'uuid' })
  departmentId!: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;

  /** Reporting period: 'once', '2026', '2026-Q3', '2026-H1' or '2026-11'. */
  @Column({ type: 'varchar', length: 10 })
  period!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'smallint' })
  percent!: number;

  @Index()
  @Column({ type: 'enum', enum: PROGRESS_REPORT_STATES, enumName: 'progress_report_state' })
  state!: ProgressReportState;

  /** The returned report this one resubmits. */
  @Column({ type: 'uuid', nullable: true })
  previousId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by_user_id' })
  submittedBy?: User | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_by_user_id' })
  reviewedBy?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
