import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LEVELS, type ClassBand, type Level, type LedgerKind } from './engine';
import { StatisticsImport } from './statistics-import.entity';

export const LEDGER_KINDS = [
  'large_class',
  'super_large_class',
  'over_standard_class',
  'large_school',
] as const satisfies readonly LedgerKind[];
export const CLASS_BANDS = [
  'standard',
  'over_standard',
  'large',
  'super_large',
] as const satisfies readonly ClassBand[];

/**
 * One offending class or school in a ledger (台账). Opened by the import that first showed it, closed (销号)
 * by the import that shows it within the limit; the closing keeps that import. A class that offends again
 * later gets a new entry, so the history of each entry stays true.
 */
@Entity('ledger_entries')
// One open entry per ledger key.
@Index('UQ_ledger_entries_open', ['kind', 'key'], { unique: true, where: '"closed_at" IS NULL' })
@Index(['countyCode', 'kind', 'closedAt'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: LEDGER_KINDS, enumName: 'ledger_kind' })
  kind!: LedgerKind;

  @Column({ type: 'char', length: 6 })
  countyCode!: string;

  /** The engine's stable identity of the class or school (JSON of county, school, level, grade, class). */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'varchar', length: 50 })
  schoolCode!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  schoolName!: string | null;

  @Column({ type: 'enum', enum: LEVELS, enumName: 'ledger_level', nullable: true })
  level!: Level | null;

  @Column({ type: 'smallint', nullable: true })
  grade!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  className!: string | null;

  @Column({ type: 'enum', enum: CLASS_BANDS, enumName: 'ledger_class_band', nullable: true })
  band!: ClassBand | null;

  /** Students of the class (or compulsory students of the school) in the latest import that showed it. */
  @Column({ type: 'int' })
  value!: number;

  @Column({ type: 'int' })
  limit!: number;

  @Column({ type: 'uuid' })
  openedByImportId!: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_import_id' })
  openedBy?: StatisticsImport;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  /** The latest import that still showed the offence. */
  @Column({ type: 'uuid' })
  lastSeenImportId!: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'last_seen_import_id' })
  lastSeenBy?: StatisticsImport;

  @Column({ type: 'uuid', nullable: true })
  closedByImportId!: string | null;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_import_id' })
  closedBy?: StatisticsImport | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
