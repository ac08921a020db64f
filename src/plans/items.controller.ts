import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { AuditEntryView } from '../audit/audit.service';
import { DueSoonQuery, ItemFilterQuery, ListItemsQuery } from './items.dto';
import { type ItemDetail, type ItemPage, PlanItemsService } from './plan-items.service';

/** Reads are open to every role; which items each user sees is PlanScope's rule. */
@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(private readonly items: PlanItemsService) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListItemsQuery): Promise<ItemPage> {
    return this.items.list(user, query);
  }

  @Get('overdue')
  @Authenticated()
  overdue(@CurrentUser() user: AuthenticatedUser, @Query() query: ItemFilterQuery): Promise<ItemPage> {
    return this.items.overdue(user, query);
  }

  @Get('due-soon')
  @Authenticated()
  dueSoon(@CurrentUser() user: AuthenticatedUser, @Query() query: DueSoonQuery): Promise<ItemPage> {
    const { days, ...filter } = query;
    return this.items.dueSoon(user, filter, days);
  }

  @Get(':id')
  @Authenticated()
  detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ItemDetail> {
    return this.items.detail(user, id);
  }

  @Get(':id/history')
  @Authenticated()
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AuditEntryView[]> {
    return this.items.history(user, id);
  }
}
