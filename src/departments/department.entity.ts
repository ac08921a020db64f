import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';
import { DEPARTMENT_KINDS, type DepartmentKind } from './department-kind';

/**
 * A department or unit (部门/单位) of one region: the same name in two regions is two departments. Its people
 * are the users whose `departmentId` points here; `headUserId` is its 负责人.
 */
@Entity('departments')
@Index(['regionCode', 'normalizedName'], { unique: true })
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** (leads the unique index below, which also serves lookups by region) */
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  /** Official full name, Simplified (银川市教育局). */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Matching key: Simplified, half-width, no spaces (normalizeDepartmentName). */
  @Column({ type: 'varchar', length: 200 })
  normalizedName!: string;

  @Column({ type: 'enum', enum: DEPARTMENT_KINDS, enumName: 'department_kind' })
  kind!: DepartmentKind;

  /** The people's government of a county-level division: what "各县(区、市)人民政府" expands to. */
  @Column({ type: 'boolean', default: false })
  isCountyGovernment!: boolean;

  @Column({ type: 'uuid', nullable: true })
  headUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'head_user_id' })
  headUser?: User | null;

  /** 联络人: who receives the department's 督办 mail and notices (an account is not needed). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/*
 * users.department_id → departments.id. Declared here because departments come after users (Foundation);
 * applied to the User entity so the schema and the entities agree (migrations test). When users/ is next
 * edited, this line can move onto `User.departmentId` as `@ForeignKey(() => Department, { onDelete: 'SET NULL' })`.
 */
ForeignKey(() => Department, { onDelete: 'SET NULL' })(User.prototype, 'departmentId');
