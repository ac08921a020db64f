import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../access/access.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { CertificationPlanService } from '../indicators/planning/certification-plan.service';
import { Page, PageContext, sendPage } from './page-context';
import { PageController } from './page-controller';
import { whatIfPage } from './pages/what-if.page';

/** 达标测算推演: the county's current figures, editable in two scenarios; publishing is the office's. */
@PageController()
export class WhatIfController {
  constructor(private readonly planning: CertificationPlanService) {}

  @Get('counties/:code/what-if/:year')
  @Authenticated()
  async show(
    @Page() ctx: PageContext,
    @Param('code') code: string,
    @Param('year') year: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{6}$/.test(code) || !/^\d{4}$/.test(year)) {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('indicators.no_statistics', { county: code, year }));
    }
    const user = ctx.user!;
    const data = await this.planning.countyData(user, code, Number(year));
    // null: no publish form (only admin and office publish).
    const plans = await this.planning.targetPlans(user, code);
    sendPage(reply, whatIfPage(ctx, { data, plans }));
  }
}
