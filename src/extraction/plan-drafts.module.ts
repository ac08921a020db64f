import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { PlanDraft } from './plan-draft.entity';
import { PlanDraftsController } from './plan-drafts.controller';
import { PlanDraftsService } from './plan-drafts.service';

/** Plan drafts: extraction of uploaded plan documents, review, and publishing through PlanImportService. */
@Module({
  imports: [TypeOrmModule.forFeature([PlanDraft]), PlansModule],
  providers: [PlanDraftsService],
  controllers: [PlanDraftsController],
  exports: [PlanDraftsService],
})
export class PlanDraftsModule {}
