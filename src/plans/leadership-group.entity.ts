import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Department } from '../departments/department.entity';
import { GROUP_ROLES, type GroupRole } from './plan-file.schema';
import { Plan } from './plan.entity';

/** The leadership group (领导小组) a plan sets up; at most one per plan. Its office is a department. */
@Entity('leadership_groups')
export class LeadershipGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  /** Where the 领导小组办公室 sits. */
  @Column({ type: 'uuid', nullable: true })
  officeDepartmentId!: string | null;

  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'office_department_id' })
  officeDepartment?: Department | null;

  @OneToMany(() => LeadershipGroupMember, (m) => m.group)
  members?: LeadershipGroupMember[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One entry of the group list; a person with two roles (成员 and 办公室主任) has two entries. */
@Entity('leadership_group_members')
export class LeadershipGroupMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => LeadershipGroup, (g) => g.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: LeadershipGroup;

  /** Order in the published list. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'enum', enum: GROUP_ROLES, enumName: 'leadership_group_role' })
  groupRole!: GroupRole;

  /** 职务 as written (市委副书记、市长). */
  @Column({ type: 'varchar', length: 200 })
  post!: string;

  @Column({ type: 'uuid', nullable: true })
  departmentId!: string | null;

  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;
}
