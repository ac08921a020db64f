import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceRecord } from './evidence-record.entity';
import { EvidenceService } from './evidence.service';
import { IndicatorPlanLinks } from './plan-links';

/**
 * Evidence records and compliance events, on their own so the assignments module can import them (to decide
 * completion of indicator-linked items) without importing the indicators module, which depends on plans.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EvidenceRecord])],
  providers: [EvidenceService, IndicatorPlanLinks],
  exports: [EvidenceService, IndicatorPlanLinks],
})
export class IndicatorEvidenceModule {}
