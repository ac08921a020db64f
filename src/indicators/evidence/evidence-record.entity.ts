import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanItem } from '../../plans/plan-item.entity';
import type { Offender } from '../engine';
import { StatisticsImport } from '../statistics-import.entity';

/** What an evidence record measured, besides pass/fail and offenders. */
export interface EvidenceValues {
  value: number | boolean | null;
  detail: string;
}

/**
 * Completion evidence of a plan item linked to an indicator (indicators.md §8), for one county.
 *
 * IMMUTABLE: written once by the recompute, never updated — the migration installs a trigger that rejects
 * UPDATE, and no service has an update path. A later import adds a new record; the item's compliance is its
 * latest record per county. Foreign keys RESTRICT deletion of the item or import they cite, so a leadership
 * review can always show what was known at the time.
 */
@Entity('evidence_records')
// Idempotency in the database: one record per item, county, import and rule set, however often recomputed.
@Index('UQ_evidence_records_source', ['planItemId', 'countyCode', 'importId', 'ruleSet'], { unique: true })
@Index(['planItemId', 'countyCode', 'schoolYear', 'computedAt'])
export class EvidenceRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planItemId!: string;

  @ManyToOne(() => PlanItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_item_id' })
  planItem?: PlanItem;

  /** R1…R7, G1…G15, Q1…Q9, S or CERT. */
  @Column({ type: 'varchar', length: 8 })
  indicator!: string;

  @Column({ type: 'varchar', length: 50 })
  ruleSet!: string;

  @Column({ type: 'char', length: 6 })
  countyCode!: string;

  @Column({ type: 'smallint' })
  schoolYear!: number;

  @Column({ type: 'uuid' })
  importId!: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  import?: StatisticsImport;

  @Column({ type: 'char', length: 64 })
  datasetChecksum!: string;

  @Column({ type: 'jsonb' })
  values!: EvidenceValues;

  /** null: not enough data to decide. */
  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ type: 'jsonb' })
  offenders!: Offender[];

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
