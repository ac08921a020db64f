import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { MyAssignmentsQuery } from './assignments.dto';
import { AssignmentsService, type MyAssignments } from './assignments.service';
import type { FastifyRequest } from 'fastify';
import { translate } from '../common/i18n/catalog';
import { requestLocale } from '../common/request-locale';

@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** The signed-in user's department's assignments (任务清单); empty, with a message, for an account without a department. */
  @Get('mine')
  @Authenticated()
  async mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: MyAssignmentsQuery,
    @Req() request: FastifyRequest,
  ): Promise<Omit<MyAssignments, 'message'> & { message?: string }> {
    const mine = await this.assignments.listMine(user, { includeCancelled: query.includeCancelled });
    // The message is a catalog message: the API answers it in the reader's language.
    return { ...mine, message: mine.message ? translate(requestLocale(request), mine.message) : undefined };
  }
}
