import { AssignmentFlowFactsReader } from './assignment-flow-facts';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { ReportFile } from './report-file.entity';
import { IndicatorEvidenceModule } from '../indicators/evidence/evidence.module';
import { ItemsController } from './items.controller';
import { PlansModule } from '../plans/plans.module';
import { DepartmentsModule } from '../departments/departments.module';
import { ClosureService } from './closure.service';
import { ExtensionRequest } from './extension-request.entity';
import { ExtensionsController } from './extensions.controller';
import { ExtensionsService } from './extensions.service';
import { ProgressReport } from './progress-report.entity';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SupervisionService } from './supervision.service';
import { NoticesController } from './notices.controller';
import { ContactsController } from './contacts.controller';
import { NoticesService } from './notices.service';
import { SupervisionAction, SupervisionCounter, SupervisionNotice } from './supervision-notice.entity';

/**
 * The 督办 flow on plan items: 签收, progress reports with evidence, review, extensions, 办结. Sits above
 * PlansModule (it needs item visibility and scope), so the items controller is registered here.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProgressReport,
      ExtensionRequest,
      ReportFile,
      SupervisionCounter,
      SupervisionNotice,
      SupervisionAction,
    ]),
    PlansModule,
    DepartmentsModule,
    AuditModule,
    EvidenceModule,
    IndicatorEvidenceModule,
  ],
  providers: [
    ReportsService,
    ExtensionsService,
    ClosureService,
    SupervisionService,
    NoticesService,
    AssignmentFlowFactsReader,
  ],
  controllers: [
    ItemsController,
    ReportsController,
    ExtensionsController,
    NoticesController,
    ContactsController,
  ],
  exports: [ReportsService, ExtensionsService, SupervisionService, NoticesService, AssignmentFlowFactsReader],
})
export class SupervisionModule {}
