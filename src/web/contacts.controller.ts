import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { Role } from '../access/role.enum';
import { userActor } from '../audit/audit.service';
import { validationPipe } from '../common/validation';
import { ContactsService } from '../departments/contacts.service';
import { DepartmentsService } from '../departments/departments.service';
import { RegionsService } from '../regions/regions.service';
import { DepartmentContactDto, OfficeMailboxDto } from '../supervision/supervision.dto';
import { Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { contactsPage } from './pages/contacts.page';

/**
 * 联络人名录: the departments of the office's area with their 联络人, and the office's own mailbox — the same
 * ContactsService (audited) as the API and the workbench; office within its area, admin.
 */
@PageController('contacts')
export class ContactsPagesController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly departments: DepartmentsService,
    private readonly regions: RegionsService,
    private readonly scope: PlanScope,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.Office)
  async list(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = ctx.user!;
    const query = request.query as Record<string, string | undefined>;
    const area = await this.scope.area(user);
    const q = (query.q ?? '').trim();
    const missing = query.missing === '1';
    const departments = (await this.contacts.directory(area)).filter(
      (d) => (!q || d.name.includes(q)) && (!missing || (!d.hasAccount && !d.contactEmail)),
    );
    const homeCode = await homeRegion(user, this.departments);
    const names = new Map<string, string>();
    const nameOf = async (code: string) => {
      if (!names.has(code)) names.set(code, (await this.regions.get(code).catch(() => null))?.name ?? code);
      return names.get(code)!;
    };
    const mailboxes = await Promise.all(
      (await this.contacts.mailboxes(area)).map(async (m) => ({
        ...m,
        regionName: await nameOf(m.regionCode),
      })),
    );
    sendPage(
      reply,
      contactsPage(ctx, {
        departments,
        home: homeCode ? { code: homeCode, name: await nameOf(homeCode) } : null,
        mailboxes,
        filter: { q, missing },
        done: query.done ?? null,
      }),
    );
  }

  @Post('departments/:id')
  @Roles(Role.Admin, Role.Office)
  async setContact(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const dto = (await validationPipe.transform(
      { name: form.name ?? '', phone: form.phone ?? '', email: form.email ?? '' },
      { type: 'body', metatype: DepartmentContactDto },
    )) as DepartmentContactDto;
    const department = await this.departments.get(id);
    await this.scope.assertInArea(ctx.user!, department.regionCode, `${department.name} `);
    await this.contacts.setContact(
      id,
      { name: dto.name ?? null, phone: dto.phone ?? null, email: dto.email ?? null },
      userActor(ctx.user!),
      `web ${request.method} ${request.url}`,
    );
    redirect(reply, `/contacts?done=contact#d-${id}`);
  }

  @Post('mailbox')
  @Roles(Role.Admin, Role.Office)
  async setMailbox(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const dto = (await validationPipe.transform(
      { regionCode: form.regionCode ?? '', name: form.name ?? '', email: form.email ?? '' },
      { type: 'body', metatype: OfficeMailboxDto },
    )) as OfficeMailboxDto;
    await this.scope.assertInArea(ctx.user!, dto.regionCode, `${dto.regionCode} `);
    await this.regions.get(dto.regionCode);
    await this.contacts.setMailbox(
      dto.regionCode,
      dto,
      userActor(ctx.user!),
      `web ${request.method} ${request.url}`,
    );
    redirect(reply, '/contacts?done=mailbox#mailbox');
  }
}

/** The region an office user works for: the root of its area (null for an admin, who works for all). */
export async function homeRegion(
  user: AuthenticatedUser,
  departments: DepartmentsService,
): Promise<string | null> {
  if (user.role === Role.Admin) return null;
  if (user.regionCode) return user.regionCode;
  return user.departmentId ? (await departments.get(user.departmentId)).regionCode : null;
}
