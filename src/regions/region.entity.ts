import {
  Column,
  ForeignKey,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { REGION_LEVELS, type RegionLevel } from './region-file.schema';

/**
 * An administrative division (行政区划), keyed by its official 6-digit code (GB/T 2260): the code is what
 * plans, statistics and other systems exchange, so it is the key rather than a surrogate id.
 */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'char', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'enum', enum: REGION_LEVELS, enumName: 'region_level' })
  level!: RegionLevel;

  @Index()
  @Column({ type: 'char', length: 6, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Region | null;

  /** Short forms plans use (克州, 银川). */
  @Column({ type: 'text', array: true })
  shortNames!: string[];

  /** The division this one became (撤县设区); the record keeps the code the plans were written under. */
  @Column({ type: 'char', length: 6, nullable: true })
  successorCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  successorName!: string | null;

  @Column({ type: 'smallint', nullable: true })
  successorSince!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/*
 * users.region_code → regions.code (a user's area, PlanScope). Declared here because users come before regions
 * (Foundation), as users.department_id is declared with the departments.
 */
ForeignKey(() => Region, { onDelete: 'SET NULL' })(User.prototype, 'regionCode');
