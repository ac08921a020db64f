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
import { Region } from '../regions/region.entity';
import { SOURCE_SCRIPTS, type SourceScript } from './plan-file.schema';

/** An official implementation plan (实施方案), loaded from its plan file; `key` is the file's stable id. */
@Entity('plans')
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** 文号 as written, e.g. 市政发〔2017〕88号; null when the plan has none. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  docNumber!: string | null;

  @Column({ type: 'varchar', length: 200 })
  issuer!: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date' })
  issuedOn!: string;

  @Index()
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  /** 文号 of the documents this plan implements. */
  @Column({ type: 'text', array: true })
  implements!: string[];

  /** The seed text file the plan was modelled from. */
  @Column({ type: 'varchar', length: 300 })
  sourceFile!: string;

  @Column({ type: 'enum', enum: SOURCE_SCRIPTS, enumName: 'plan_source_script' })
  sourceScript!: SourceScript;

  /** The full source text, as published (Traditional stays Traditional); null when the seed was not at hand. */
  @Column({ type: 'text', nullable: true })
  sourceText!: string | null;

  /** sha256 of the plan file last imported. */
  @Column({ type: 'char', length: 64 })
  fileChecksum!: string;

  @Column({ type: 'timestamptz' })
  importedAt!: Date;

  /** Content version: 1 on the first import, +1 for every import that changed something. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
