import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProgressReport } from './progress-report.entity';

/** An evidence attachment of a progress report; the bytes live in EvidenceStorage under `storageKey`. */
@Entity('report_files')
export class ReportFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ProgressReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ProgressReport;

  @Column({ type: 'varchar', length: 300, unique: true })
  storageKey!: string;

  /** As uploaded (UTF-8, base name only). */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** Detected from the bytes, not taken from the client. */
  @Column({ type: 'varchar', length: 120 })
  contentType!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
