import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExtensionsService } from '../supervision/extensions.service';
import { ReportsService } from '../supervision/reports.service';
import { Roles } from '../access/access.decorators';
import { PlanScope } from '../access/plan-scope';
import { Clock } from '../common/clock';
import type { Env } from '../config/env.schema';
import { IndicatorImportService } from '../indicators/indicator-import.service';
import { StatisticsService } from '../indicators/statistics.service';
import { readUpload } from '../indicators/upload';
import { PlanItemsService } from '../plans/plan-items.service';
import { PlansService } from '../plans/plans.service';
import { EscalationService } from '../reminders/escalation.service';
import { Role } from '../access/role.enum';
import { Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { importPage } from './pages/import.page';
import { noticePage, officePage } from './pages/office.page';

/** The office workbench and the statistics import: admin and office only. */
@PageController()
export class OfficeController {
  constructor(
    private readonly items: PlanItemsService,
    private readonly plans: PlansService,
    private readonly reports: ReportsService,
    private readonly extensions: ExtensionsService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
    private readonly escalations: EscalationService,
    private readonly statistics: StatisticsService,
    private readonly importer: IndicatorImportService,
    private readonly scope: PlanScope,
  ) {}

  @Get('office')
  @Roles(Role.Admin, Role.Office)
  async office(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const [review, extensions, overdue, notices, plans] = await Promise.all([
      this.reports.queue(user, 'submitted'),
      this.extensions.queue(user, 'pending'),
      this.items.overdue(user, { limit: 100 }),
      this.escalations.list({ limit: 50, area: await this.scope.area(user) }),
      this.plans.list(user),
    ]);
    // Only notices of plans this user sees (the same PlanScope as every list here).
    const visiblePlans = new Set(plans.map((p) => p.id));
    sendPage(
      reply,
      officePage(ctx, {
        today: this.clock.today(),
        review,
        extensions,
        escalations: notices.filter((n) => visiblePlans.has(n.planId)),
        overdue: overdue.items,
        done: (request.query as Record<string, string | undefined>).done ?? null,
      }),
    );
  }

  /** A printable 督办通知 for an item (to its lead and cooperating departments). */
  @Get('office/notice/:id')
  @Roles(Role.Admin, Role.Office)
  async notice(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const item = await this.items.detail(ctx.user!, id);
    const plan = await this.plans.detail(ctx.user!, item.plan.id);
    sendPage(
      reply,
      noticePage(ctx, { item, planTitle: plan.title, docNumber: plan.docNumber, today: this.clock.today() }),
    );
  }

  @Get('import')
  @Roles(Role.Admin, Role.Office)
  async importForm(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const done = (request.query as Record<string, string | undefined>).done ?? null;
    const area = await this.scope.area(ctx.user!);
    sendPage(reply, importPage(ctx, { history: await this.statistics.list({ area }), done }));
  }

  /** Multipart upload (the page's script sends the CSRF token as a header); every problem is listed. */
  @Post('import')
  @Roles(Role.Admin, Role.Office)
  async import(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const maxBytes = this.config.get('UPLOAD_MAX_BYTES', { infer: true });
    const { files, fields } = await readUpload(request, maxBytes);
    const year = fields.year && /^\d{4}$/.test(fields.year) ? Number(fields.year) : undefined;
    const area = await this.scope.area(user);
    const result = await this.importer.import(
      files,
      { userId: user.id, label: user.name },
      { source: 'web', year, maxFileBytes: maxBytes, area, confirmDiscrepancies: fields.confirm === 'yes' },
    );
    if (!result.ok) {
      return sendPage(
        reply,
        importPage(ctx, {
          history: await this.statistics.list({ area }),
          issues: result.issues,
          issueCount: result.issueCount,
          notices: result.notices,
        }),
        400,
      );
    }
    const done = result.imports
      .map((i) => `${i.countyName ?? i.countyCode} ${i.schoolYear} v${i.version}`)
      .join('、');
    redirect(reply, `/import?done=${encodeURIComponent(done)}`);
  }
}
