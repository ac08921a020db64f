import type { EvaluationSummary } from './evaluation-summary';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CountyEvaluation, LedgerKind } from './engine';
import { StatisticsImport } from './statistics-import.entity';

/**
 * The evaluation of one import under one rule set version (the §10 JSON). Derived data: the nightly run may
 * compute it again and replaces it; what must never change is kept in evidence records.
 */
@Entity('evaluations')
@Index(['importId', 'ruleSet'], { unique: true })
@Index(['countyCode', 'schoolYear'])
export class Evaluation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  importId!: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: StatisticsImport;

  @Column({ type: 'char', length: 6 })
  countyCode!: string;

  @Column({ type: 'smallint' })
  schoolYear!: number;

  /** The rule set's `version` (config/indicators/2017.yaml → "2017"). */
  @Column({ type: 'varchar', length: 50 })
  ruleSet!: string;

  /** `json`, not `jsonb`: kept as written (the contract's key order), never queried inside. */
  @Column({ type: 'json' })
  result!: CountyEvaluation;

  @Column({ type: 'boolean' })
  certifiable!: boolean;

  /** The verdicts alone (summarizeEvaluation), for lists over many counties; null only before it was written. */
  @Column({ type: 'jsonb', nullable: true })
  summary!: EvaluationSummary | null;

  /** Offenders of each ledger in this import: the open count right after it (the leadership chart). */
  @Column({ type: 'jsonb' })
  ledgerCounts!: Record<LedgerKind, number>;

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
