import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { Role } from '../access/role.enum';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import type { User } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly scope: PlanScope,
  ) {}

  /** Admin: everyone; the office: the people of its area. */
  @Get()
  @Roles(Role.Admin, Role.Office)
  async list(@CurrentUser() user: AuthenticatedUser): Promise<User[]> {
    return this.users.list(await this.scope.area(user));
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.users.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<User> {
    return this.users.update(id, body);
  }
}
