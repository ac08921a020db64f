import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { Role } from '../access/role.enum';
import { userActor } from '../audit/audit.service';
import { ContactsService, type UnreachableDepartment } from '../departments/contacts.service';
import { DepartmentsService } from '../departments/departments.service';
import { DepartmentContactDto, OfficeMailboxDto } from './supervision.dto';
import { msg } from '../common/i18n/catalog';

const source = (req: FastifyRequest) => `${req.method} ${req.url}`;

/** 联络人 and the office mailbox: who receives 督办 mail (office within its area, admin). */
@ApiTags('departments')
@Controller()
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly departments: DepartmentsService,
    private readonly scope: PlanScope,
  ) {}

  /** Departments with open work that nobody can receive mail for, in the user's area. */
  @Get('departments/unreachable')
  @Roles(Role.Admin, Role.Office)
  async unreachable(@CurrentUser() user: AuthenticatedUser): Promise<UnreachableDepartment[]> {
    const visible = await this.scope.area(user);
    return this.contacts.unreachable(visible);
  }

  @Put('departments/:id/contact')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  async setContact(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DepartmentContactDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    const department = await this.departments.get(id);
    await this.scope.assertInArea(
      user,
      department.regionCode,
      msg('access.what_department', { name: department.name }),
    );
    await this.contacts.setContact(
      id,
      { name: dto.name ?? null, phone: dto.phone ?? null, email: dto.email ?? null },
      userActor(user),
      source(req),
    );
  }

  @Put('office/mailbox')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  async setMailbox(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: OfficeMailboxDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.scope.assertInArea(user, dto.regionCode, msg('access.what_region', { code: dto.regionCode }));
    await this.contacts.setMailbox(dto.regionCode, dto, userActor(user), source(req));
  }
}
