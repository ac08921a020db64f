import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { PlanFile } from '../plans/plan-file.schema';
import type { ExtractionProvenance, ExtractionWarning } from './extraction.types';

export const PLAN_DRAFT_STATUSES = ['draft', 'published', 'discarded'] as const;
export type PlanDraftStatus = (typeof PLAN_DRAFT_STATUSES)[number];

/**
 * A plan read from an uploaded or pasted document, waiting for a person to check and publish it. Stored
 * server-side so a review survives reloads and works across API instances; nothing of the plan exists in
 * `plans`/`plan_items` until it is published (PlanImportService).
 */
@Entity('plan_drafts')
@Index(['createdBy', 'createdAt'])
export class PlanDraft {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The user who uploaded it (no foreign key: a draft outlives a deleted account). */
  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'varchar', length: 300 })
  fileName!: string;

  /** The document's text as read (Traditional stays Traditional), what the excerpts point into. */
  @Column({ type: 'text' })
  sourceText!: string;

  /** The plan file as last saved (the extractor's proposal at first). */
  @Column({ type: 'jsonb' })
  draft!: PlanFile;

  @Column({ type: 'jsonb' })
  provenance!: ExtractionProvenance;

  @Column({ type: 'jsonb' })
  warnings!: ExtractionWarning[];

  @Column({ type: 'enum', enum: PLAN_DRAFT_STATUSES, enumName: 'plan_draft_status', default: 'draft' })
  status!: PlanDraftStatus;

  @Column({ type: 'uuid', nullable: true })
  publishedPlanId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'int' })
  version!: number;
}
