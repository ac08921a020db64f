import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role.enum';
import { type ExtensionView, ExtensionsService } from './extensions.service';
import { DecideExtensionDto, ExtensionQueueQuery } from './supervision.dto';

@ApiTags('extensions')
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  /** The office queue: pending requests by default. */
  @Get()
  @Roles(Role.Admin, Role.Office, Role.Leader, Role.Inspector)
  queue(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExtensionQueueQuery,
  ): Promise<ExtensionView[]> {
    return this.extensions.queue(user, query.status ?? 'pending');
  }

  @Post(':id/decision')
  @Roles(Role.Admin, Role.Office, Role.Leader)
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideExtensionDto,
    @Req() req: FastifyRequest,
  ): Promise<ExtensionView> {
    return this.extensions.decide(user, id, dto, `${req.method} ${req.url}`);
  }
}
