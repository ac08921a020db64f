import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Authenticated, Roles } from '../access/access.decorators';
import { PlanScope } from '../access/plan-scope';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { EvaluationsService } from '../indicators/evaluations.service';
import { Role } from '../access/role.enum';
import { DashboardService } from './dashboard.service';
import { buildPackWorkbook } from './pack-workbook';
import { Page, PageContext, sendPage } from './page-context';
import { PageController } from './page-controller';
import { ledgerPage } from './pages/ledger.page';
import { LedgerQueries } from './ledger-queries';
import { countyPage } from './pages/county.page';
import { dashboardPage } from './pages/dashboard.page';
import { packPage } from './pages/pack.page';

const READERS = [Role.Admin, Role.Leader, Role.Office, Role.Inspector];

/** The leadership dashboard, the meeting pack and the county evaluation page (read-only). */
@PageController()
export class LeadershipController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly ledgers: LedgerQueries,
    private readonly clock: Clock,
    private readonly evaluations: EvaluationsService,
    private readonly scope: PlanScope,
  ) {}

  @Get('dashboard')
  @Roles(...READERS)
  async show(@Page() ctx: PageContext, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, dashboardPage(ctx, await this.dashboard.build(ctx.user!)));
  }

  @Get('dashboard/pack')
  @Roles(...READERS)
  async pack(@Page() ctx: PageContext, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, packPage(ctx, await this.dashboard.build(ctx.user!), this.clock.today()));
  }

  @Get('dashboard/pack.xlsx')
  @Roles(...READERS)
  async packXlsx(@Page() ctx: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const today = this.clock.today();
    const data = await buildPackWorkbook(await this.dashboard.build(ctx.user!), today);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="pack-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`调度会材料-${today}.xlsx`)}`,
      )
      .send(data);
  }

  /** The stored evaluation through EvaluationsService, as GET /api/counties/:code/evaluations/:year. */
  @Get('counties/:code/evaluations/:year')
  @Authenticated()
  async county(
    @Page() ctx: PageContext,
    @Param('code') code: string,
    @Param('year') year: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{6}$/.test(code) || !/^\d{4}$/.test(year)) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        msg('indicators.evaluation_not_found', { county: code, year }),
      );
    }
    await this.scope.assertInArea(ctx.user!, code, `县 ${code} `);
    sendPage(reply, countyPage(ctx, await this.evaluations.forCounty(code, Number(year))));
  }

  /** 台账 of a county: entries, school, indicator, opened/closed (销号) and the closing import; blocked milestones. */
  @Get('counties/:code/ledger')
  @Authenticated()
  async ledger(
    @Page() ctx: PageContext,
    @Param('code') code: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{6}$/.test(code))
      throw new DomainError(ErrorCode.NOT_FOUND, msg('indicators.county_not_found', { county: code }));
    // The same area rule as the county's evaluations: a county outside the user's area is refused, not shown.
    await this.scope.assertInArea(ctx.user!, code, `县 ${code} `);
    const name = await this.ledgers.countyName(code);
    if (!name)
      throw new DomainError(ErrorCode.NOT_FOUND, msg('indicators.county_not_found', { county: code }));
    const [entries, hints] = await Promise.all([
      this.ledgers.entries(code),
      this.ledgers.milestoneHints(ctx.user!, code),
    ]);
    sendPage(reply, ledgerPage(ctx, { code, countyName: name, entries, hints }));
  }
}
