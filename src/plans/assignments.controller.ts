import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { MyAssignmentsQuery } from './assignments.dto';
import { AssignmentsService, type MyAssignments } from './assignments.service';

@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** The signed-in user's department's assignments (任务清单); empty, with a message, for an account without a department. */
  @Get('mine')
  @Authenticated()
  mine(@CurrentUser() user: AuthenticatedUser, @Query() query: MyAssignmentsQuery): Promise<MyAssignments> {
    return this.assignments.listMine(user, { includeCancelled: query.includeCancelled });
  }
}
