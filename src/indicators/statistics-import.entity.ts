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
import { User } from '../users/user.entity';
import { TABLE_NAMES, type TableName } from './import/table-specs';

export const IMPORT_STATUSES = ['current', 'superseded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_SOURCES = ['api', 'cli', 'web'] as const;
export type ImportSourceKind = (typeof IMPORT_SOURCES)[number];

/** One file of the upload that produced an import (the same list on every county of that upload). */
export interface ImportedFileRecord {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * One version of one county's statistics for one school year. Re-importing the county-year supersedes the
 * current version and keeps it: evidence records cite the version they were computed from.
 *
 * `county_code` carries no foreign key to regions on purpose: statistics arrive for counties before anybody
 * has loaded them into the region list, and the code itself is the official identity (GB/T 2260).
 */
@Entity('statistics_imports')
@Index(['countyCode', 'schoolYear', 'version'], { unique: true })
// At most one current version per county-year; the importer takes a per-county lock before switching.
@Index('UQ_statistics_imports_current', ['countyCode', 'schoolYear'], {
  unique: true,
  where: `"status" = 'current'`,
})
export class StatisticsImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 6 })
  countyCode!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  countyName!: string | null;

  @Column({ type: 'smallint' })
  schoolYear!: number;

  /** 1 for the first import of the county-year, +1 for each re-import. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'enum', enum: IMPORT_STATUSES, enumName: 'statistics_import_status' })
  status!: ImportStatus;

  /** SHA-256 of the uploaded dataset (every file's name and hash), as the CLI's `dataset_checksum`. */
  @Column({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ type: 'jsonb' })
  files!: ImportedFileRecord[];

  /** Rows of this county per table (tables not given are absent). */
  @Column({ type: 'jsonb' })
  rowCounts!: Partial<Record<TableName, number>>;

  @Column({ type: 'enum', enum: IMPORT_SOURCES, enumName: 'statistics_import_source' })
  source!: ImportSourceKind;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * The parsed rows of one table of one import, as JSONB. The engine always needs a county's tables whole, and
 * nothing queries single rows (the ledgers hold the per-class view that is queried), so one row per table
 * makes loading a county one query and storing it one INSERT, and a template column added later needs no
 * migration. Rows are already validated by the importer; they are the engine's input types verbatim.
 */
@Entity('statistics_tables')
export class StatisticsTable {
  @PrimaryColumn({ type: 'uuid' })
  importId!: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: StatisticsImport;

  @PrimaryColumn({ type: 'enum', enum: TABLE_NAMES, enumName: 'statistics_table_name' })
  tableName!: TableName;

  @Column({ type: 'int' })
  rowCount!: number;

  /** `object`: TypeORM's insert types cannot follow the row types through `unknown`. */
  @Column({ type: 'jsonb' })
  rows!: object[];
}
