import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../access/access.decorators';
import { Role } from '../access/role.enum';
import { DomainError, ErrorCode } from '../common/domain-error';
import { CertificationPlanService } from '../indicators/planning/certification-plan.service';
import { PlansService } from '../plans/plans.service';
import { Page, PageContext, sendPage } from './page-context';
import { PageController } from './page-controller';
import { whatIfPage } from './pages/what-if.page';

/** A plan region covers the county when it is the county or a division above it (6401 00 covers 6401 81). */
const covers = (region: string, county: string) => county.startsWith(region.replace(/0+$/, ''));

/** 达标测算推演: the county's current figures, editable in two scenarios; publishing is the office's. */
@PageController()
export class WhatIfController {
  constructor(
    private readonly plans: PlansService,
    private readonly planning: CertificationPlanService,
  ) {}

  @Get('counties/:code/what-if/:year')
  @Authenticated()
  async show(
    @Page() ctx: PageContext,
    @Param('code') code: string,
    @Param('year') year: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{6}$/.test(code) || !/^\d{4}$/.test(year)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `没有此县的统计数据 / No statistics for ${code}/${year}`);
    }
    const user = ctx.user!;
    const data = await this.planning.countyData(user, code, Number(year));
    const canPublish = user.role === Role.Admin || user.role === Role.Office;
    const plans = canPublish
      ? (await this.plans.list(user))
          .filter((p) => covers(p.region.code, code))
          .map((p) => ({ id: p.id, title: p.title }))
      : null;
    sendPage(reply, whatIfPage(ctx, { data, plans }));
  }
}
