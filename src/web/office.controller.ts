import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExtensionsService } from '../supervision/extensions.service';
import { ReportsService } from '../supervision/reports.service';
import { NoticesService } from '../supervision/notices.service';
import { DepartmentContactDto } from '../supervision/supervision.dto';
import { ContactsService } from '../departments/contacts.service';
import { DepartmentsService } from '../departments/departments.service';
import { ItemEditingService } from '../plans/item-editing.service';
import { MissingDeadlinesDto } from '../plans/item-editing.dto';
import { PlanScope } from '../access/plan-scope';
import { userActor } from '../audit/audit.service';
import { validationPipe } from '../common/validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { Roles } from '../access/access.decorators';
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
import { pageNumber } from './pager';
import { importPage } from './pages/import.page';
import { homeRegion } from './contacts.controller';
import { noticePage, noticePrintPage, officePage } from './pages/office.page';

/** The office workbench and the statistics import: admin and office only. */
@PageController()
export class OfficeController {
  constructor(
    private readonly items: PlanItemsService,
    private readonly plans: PlansService,
    private readonly reports: ReportsService,
    private readonly extensions: ExtensionsService,
    private readonly notices: NoticesService,
    private readonly contacts: ContactsService,
    private readonly departments: DepartmentsService,
    private readonly editing: ItemEditingService,
    private readonly scope: PlanScope,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
    private readonly escalations: EscalationService,
    private readonly statistics: StatisticsService,
    private readonly importer: IndicatorImportService,
  ) {}

  @Get('office')
  @Roles(Role.Admin, Role.Office)
  async office(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const query = request.query as Record<string, string | undefined>;
    const published = query.plan && UUID.test(query.plan) ? query.plan : null;
    const visible = await this.scope.area(user);
    const [review, extensions, overdue, notices, plans, unreachable, noDeadline] = await Promise.all([
      this.reports.queue(user, 'submitted'),
      this.extensions.queue(user, 'pending'),
      this.items.overdue(user, { limit: 100 }),
      this.escalations.list({ limit: 50, area: await this.scope.area(user) }),
      this.plans.list(user),
      this.contacts.unreachable(visible),
      this.items.list(user, { noDeadline: true, limit: 200 }),
    ]);
    // The office's own mailbox: without one its mail still goes to the office staff's own accounts (a problem).
    const home = await homeRegion(user, this.departments);
    const mailboxMissing = home !== null && !(await this.contacts.mailbox(home));
    const publishedPlan = published ? (plans.find((p) => p.id === published) ?? null) : null;
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
        unreachable,
        noDeadline: noDeadline.items,
        mailboxMissing,
        published: publishedPlan
          ? {
              title: publishedPlan.title,
              unreachable: await this.contacts.unreachable(visible, publishedPlan.id),
            }
          : null,
        done: query.done ?? null,
        pages: {
          overdue: pageNumber(query.overdue),
          noDeadline: pageNumber(query.no_deadline),
          unreachable: pageNumber(query.unreachable),
        },
      }),
    );
  }

  /** The 督办通知 of an item: its numbered notices and the form to issue the next one. */
  @Get('office/notice/:id')
  @Roles(Role.Admin, Role.Office)
  async notice(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [item, timeline] = await Promise.all([
      this.items.detail(ctx.user!, id),
      this.notices.timeline(ctx.user!, id),
    ]);
    sendPage(reply, noticePage(ctx, { item, notices: timeline.notices }));
  }

  /** A numbered 督办通知 to print: 〔year〕第N号, 办理时限 and 反馈 deadline. */
  @Get('office/notices/:id')
  @Roles(Role.Admin, Role.Office)
  async printNotice(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const notice = await this.notices.notice(ctx.user!, id);
    const item = await this.items.detail(ctx.user!, notice.itemId);
    const plan = await this.plans.detail(ctx.user!, item.plan.id);
    sendPage(reply, noticePrintPage(ctx, { notice, item, planTitle: plan.title, docNumber: plan.docNumber }));
  }

  /** 联络人 of a department, from the workbench (office within its area). */
  @Post('office/departments/:id/contact')
  @Roles(Role.Admin, Role.Office)
  async setContact(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const dto = (await validationPipe.transform(
      { name: form.name ?? '', phone: form.phone ?? '', email: form.email ?? '' },
      { type: 'body', metatype: DepartmentContactDto },
    )) as DepartmentContactDto;
    const department = await this.departments.get(id);
    await this.scope.assertInArea(ctx.user!, department.regionCode, `${department.name} `);
    await this.contacts.setContact(
      id,
      { name: dto.name ?? null, phone: dto.phone ?? null, email: dto.email ?? null },
      userActor(ctx.user!),
      `web ${request.method} ${request.url}`,
    );
    redirect(reply, '/office?done=contact#unreachable');
  }

  /** 批量补填办理时限 for the ticked items. */
  @Post('office/deadlines')
  @Roles(Role.Admin, Role.Office)
  async setDeadlines(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const ids = form.itemIds === undefined ? [] : Array.isArray(form.itemIds) ? form.itemIds : [form.itemIds];
    const dto = (await validationPipe.transform(
      { itemIds: ids, dueOn: form.dueOn ?? '' },
      { type: 'body', metatype: MissingDeadlinesDto },
    )) as MissingDeadlinesDto;
    const result = await this.editing.setMissingDeadlines(
      ctx.user!,
      dto.itemIds,
      dto.dueOn,
      `web ${request.method} ${request.url}`,
    );
    redirect(reply, `/office?done=deadlines&n=${result.updated.length}#no-deadline`);
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
