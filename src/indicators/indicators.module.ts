import { type DynamicModule, Module } from '@nestjs/common';
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
import { IndicatorsProcessor } from './indicators.processor';
import { IndicatorsScheduler } from './indicators.scheduler';
import { ItemEvidenceService } from './item-evidence.service';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgersService } from './ledgers.service';
import { CertificationPlanController } from './planning/certification-plan.controller';
import { CertificationPlanService } from './planning/certification-plan.service';
import { RecomputeService } from './recompute.service';
import { ruleSetProvider } from './rule-set.provider';
import { StatisticsImport, StatisticsTable } from './statistics-import.entity';
import { StatisticsService } from './statistics.service';

/**
 * County statistics → evaluations, evidence and ledgers. Every role has the services and the API; only the
 * worker role processes the `indicators` queue and registers the nightly recompute.
 */
@Module({})
export class IndicatorsModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: IndicatorsModule,
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
        ...(options.worker ? [IndicatorsProcessor, IndicatorsScheduler] : []),
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
        IndicatorEvidenceModule,
        CertificationPlanService,
      ],
    };
  }
}
