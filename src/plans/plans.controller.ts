import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role.enum';
import { CreateItemDto } from './item-editing.dto';
import { ItemEditingService } from './item-editing.service';
import { type PlanDetail, type PlanSummary, PlansService } from './plans.service';

/** Reads are open to every role; which plans each user sees is PlanScope's rule. */
@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly editing: ItemEditingService,
  ) {}

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

  /** A new item in the plan, with its assignments (office within its area, admin). */
  @Post(':id/items')
  @Roles(Role.Admin, Role.Office)
  createItem(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateItemDto,
    @Req() req: FastifyRequest,
  ): Promise<{ id: string }> {
    return this.editing.create(user, id, dto, `${req.method} ${req.url}`);
  }
}
