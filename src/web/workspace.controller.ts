import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../plans/assignment-status.policy';
import { AssignmentsService } from '../plans/assignments.service';
import { Authenticated, Roles } from '../access/access.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, ErrorCode, nullWhenNotFound } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { addDays } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { DepartmentsService } from '../departments/departments.service';
import { PlanItemsService } from '../plans/plan-items.service';
import { PlansService } from '../plans/plans.service';
import { Role } from '../access/role.enum';
import { FlowForms } from './flow-forms';
import { AssignmentFlowFactsReader } from '../supervision/assignment-flow-facts';
import { Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { itemsPage, type ItemsFilterView } from './pages/items.page';
import { ItemPageRenderer } from './item-page.renderer';
import { tasksPage } from './pages/tasks.page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Query = Record<string, string | undefined>;

/** 我的任务, the item list and the item page: the same services and scoping as the items API. */
@PageController()
export class WorkspaceController {
  constructor(
    private readonly items: PlanItemsService,
    private readonly plans: PlansService,
    private readonly assignments: AssignmentsService,
    private readonly departments: DepartmentsService,
    private readonly clock: Clock,
    private readonly flow: FlowForms,
    private readonly flowFacts: AssignmentFlowFactsReader,
    private readonly calendar: CalendarService,
    private readonly itemPage: ItemPageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async tasks(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const today = this.clock.today();
    const mine = await this.assignments.listMine(user);
    const withDepartment = mine.department !== null;
    const [overdue, dueSoon, facts] = await Promise.all([
      withDepartment ? null : this.items.overdue(user, { limit: 50 }),
      withDepartment ? null : this.items.dueSoon(user, { limit: 50 }),
      this.flowFacts.forAssignments(mine.assignments),
    ]);
    sendPage(
      reply,
      tasksPage(ctx, {
        today,
        weekEnd: addDays(today, 7),
        department: mine.department,
        message:
          mine.message && (user.role === Role.DeptHead || user.role === Role.Staff)
            ? ctx.msg(mine.message)
            : undefined,
        assignments: mine.assignments,
        overdue: overdue?.items ?? [],
        dueSoon: dueSoon?.items ?? [],
        facts,
        canAcknowledge: this.flow.canAcknowledge(user),
        done: (request.query as Query).done ?? null,
        missingCalendarYears: user.role === Role.Admin ? this.calendar.coverage().missingYears : [],
      }),
    );
  }

  /** The workbench's one step for a missing year (same rules as `PUT /api/calendar/years/:year`). */
  @Post('calendar/years/:year')
  @Roles(Role.Admin)
  async enterYear(
    @Page() ctx: PageContext,
    @Param('year') year: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{4}$/.test(year)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('calendar.year_not_four_digits', { year }));
    }
    const form = (request.body ?? {}) as Query;
    const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).slice(0, 100);
    await this.calendar.putYear(
      Number(year),
      { holidays: lines(form.holidays), workdays: lines(form.workdays) },
      ctx.user!.id,
    );
    redirect(reply, '/?done=calendar');
  }

  @Get('items')
  @Authenticated()
  async list(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const q = request.query as Query;
    const filter: ItemsFilterView = {
      status: ASSIGNMENT_STATUSES.includes(q.status as AssignmentStatus)
        ? (q.status as AssignmentStatus)
        : undefined,
      department: q.department && UUID.test(q.department) ? q.department : undefined,
      plan: q.plan && UUID.test(q.plan) ? q.plan : undefined,
      q: q.q?.slice(0, 100) || undefined,
    };
    const cursor = q.cursor && /^[\w-]{1,500}$/.test(q.cursor) ? q.cursor : undefined;
    const [page, plans, department] = await Promise.all([
      this.items.list(user, {
        status: filter.status ? [filter.status] : undefined,
        department: filter.department,
        plan: filter.plan,
        q: filter.q,
        cursor,
        // 50 rows: the page stays well under 100 KB of HTML and a phone's list of cards stays scrollable.
        limit: 50,
      }),
      this.plans.list(user),
      filter.department ? this.departments.get(filter.department).catch(nullWhenNotFound) : null,
    ]);
    let nextUrl: string | null = null;
    if (page.nextCursor) {
      const u = new URL(ctx.url, 'http://x');
      u.searchParams.set('cursor', page.nextCursor);
      nextUrl = u.pathname + u.search;
    }
    sendPage(
      reply,
      itemsPage(ctx, {
        today: this.clock.today(),
        filter,
        page,
        plans,
        departmentName: department?.name ?? null,
        nextUrl,
      }),
    );
  }

  @Get('items/:id')
  @Authenticated()
  async detail(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPage(reply, await this.itemPage.render(ctx, id, { done: (request.query as Query).done ?? null }));
  }
}
