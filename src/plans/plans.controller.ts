import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type PlanDetail, type PlanSummary, PlansService } from './plans.service';

/** Reads are open to every role; which plans each user sees is PlanScope's rule. */
@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthenticatedUser): Promise<PlanSummary[]> {
    return this.plans.list(user);
  }

  @Get(':id')
  @Authenticated()
  detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PlanDetail> {
    return this.plans.detail(user, id);
  }
}
