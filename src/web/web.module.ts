import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { AuthModule } from '../auth/auth.module';
import { DepartmentsModule } from '../departments/departments.module';
import { PlanDraftsModule } from '../extraction/plan-drafts.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { PlansModule } from '../plans/plans.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RegionsModule } from '../regions/regions.module';
import { AuthPagesController } from './auth-pages.controller';
import { ContactsPagesController } from './contacts.controller';
import { DashboardService } from './dashboard.service';
import { FlowController } from './flow.controller';
import { FlowForms } from './flow-forms';
import { ItemPageRenderer } from './item-page.renderer';
import { LeadershipController } from './leadership.controller';
import { LedgerQueries } from './ledger-queries';
import { MailAdminController } from './mail-admin.controller';
import { OfficeController } from './office.controller';
import { PlanDraftsPagesController } from './plan-drafts-pages.controller';
import { WhatIfController } from './what-if.controller';
import { WorkspaceController } from './workspace.controller';

/**
 * The web workspace: server-rendered pages over the same services as the API. Part of the HTTP application
 * only (app.factory.ts), not of the worker or the CLI.
 */
@Module({
  imports: [
    AuthModule,
    PlansModule,
    SupervisionModule,
    DepartmentsModule,
    RegionsModule,
    PlanDraftsModule,
    IndicatorsModule,
    RemindersModule,
  ],
  providers: [FlowForms, ItemPageRenderer, DashboardService, LedgerQueries],
  controllers: [
    AuthPagesController,
    WorkspaceController,
    FlowController,
    OfficeController,
    ContactsPagesController,
    LeadershipController,
    PlanDraftsPagesController,
    WhatIfController,
    MailAdminController,
  ],
})
export class WebModule {}
