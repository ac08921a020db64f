import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { RegionsModule } from '../regions/regions.module';
import { Evaluation } from './evaluation.entity';
import { EvaluationsService } from './evaluations.service';
import { IndicatorEvidenceModule } from './evidence/evidence.module';
import { IndicatorImportService } from './indicator-import.service';
import { IndicatorJobs } from './indicator-jobs.service';
import {
  CountyEvaluationsController,
  IndicatorsController,
  ItemEvidenceController,
} from './indicators.controller';
import { ItemEvidenceService } from './item-evidence.service';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgersService } from './ledgers.service';
import { CertificationPlanController } from './planning/certification-plan.controller';
import { CertificationPlanService } from './planning/certification-plan.service';
import { RecomputeService } from './recompute.service';
import { RULE_SET, ruleSetProvider } from './rule-set.provider';
import { StatisticsImport, StatisticsTable } from './statistics-import.entity';
import { StatisticsService } from './statistics.service';

/**
 * County statistics → evaluations, evidence and ledgers: the services and the API, in every role. The worker
 * role adds the queue's processor and the nightly recompute (IndicatorsJobsModule).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([StatisticsImport, StatisticsTable, Evaluation, LedgerEntry]),
    IndicatorEvidenceModule,
    PlansModule,
    RegionsModule,
  ],
  providers: [
    ruleSetProvider,
    StatisticsService,
    IndicatorImportService,
    IndicatorJobs,
    RecomputeService,
    LedgersService,
    EvaluationsService,
    ItemEvidenceService,
    CertificationPlanService,
  ],
  controllers: [
    IndicatorsController,
    CountyEvaluationsController,
    ItemEvidenceController,
    CertificationPlanController,
  ],
  exports: [
    IndicatorImportService,
    RecomputeService,
    IndicatorJobs,
    StatisticsService,
    EvaluationsService,
    LedgersService,
    ItemEvidenceService,
    RULE_SET,
    IndicatorEvidenceModule,
    CertificationPlanService,
  ],
})
export class IndicatorsModule {}
