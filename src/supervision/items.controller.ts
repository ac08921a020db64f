import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ExtensionView, ExtensionsService } from './extensions.service';
import { ReportsService, type ReportView } from './reports.service';
import { RequestExtensionDto, SubmitReportDto } from './supervision.dto';
import {
  type DepartmentFlowView,
  type ItemFlowDetailText,
  itemFlowDetailIn,
  SupervisionService,
} from './supervision.service';
import { requestLocale } from '../common/request-locale';
import { Authenticated, CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import type { AuditEntryView } from '../audit/audit.service';
import type { Env } from '../config/env.schema';
import { readBodyWithFiles } from '../evidence/upload';
import { Role } from '../access/role.enum';
import { etagOf, versionFromIfMatch } from '../plans/etag';
import {
  AssignmentDueDto,
  CancelItemDto,
  MissingDeadlinesDto,
  NewAssignmentDto,
  RemoveAssignmentQuery,
  UpdateItemDto,
} from '../plans/item-editing.dto';
import { ItemEditingService } from '../plans/item-editing.service';
import { DueSoonQuery, ItemFilterQuery, ListItemsQuery } from '../plans/items.dto';
import { type ItemPage, PlanItemsService } from '../plans/plan-items.service';

const source = (req: FastifyRequest) => `${req.method} ${req.url}`.slice(0, 300);

/**
 * Items and the 督办 flow on them. Reads are open to every role (PlanScope decides what each user sees); writes
 * name their roles here, and PlanScope checks the item (department writes only on items assigned to the
 * user's department; review and 办结 by office within its area, leaders and admin).
 */
@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: PlanItemsService,
    private readonly editing: ItemEditingService,
    private readonly supervision: SupervisionService,
    private readonly reports: ReportsService,
    private readonly extensions: ExtensionsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListItemsQuery): Promise<ItemPage> {
    const { noDeadline, ...filter } = query;
    return this.items.list(user, { ...filter, noDeadline: noDeadline === 'true' });
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

  /** The item with its flow: 签收 and reports per department, extensions, evidence; ETag for If-Match. */
  @Get(':id')
  @Authenticated()
  async detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() req: FastifyRequest,
  ): Promise<ItemFlowDetailText> {
    const detail = await this.supervision.detail(user, id);
    void reply.header('etag', etagOf(detail.version));
    return itemFlowDetailIn(requestLocale(req), detail);
  }

  @Get(':id/history')
  @Authenticated()
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AuditEntryView[]> {
    return this.items.history(user, id);
  }

  @Patch(':id')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from GET /api/items/:id' })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateItemDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.editing.update(user, id, versionFromIfMatch(ifMatch), dto, source(req));
  }

  @Post(':id/cancel')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from GET /api/items/:id' })
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: CancelItemDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.editing.cancel(user, id, versionFromIfMatch(ifMatch), dto.reason, source(req));
  }

  @Post(':id/assignments')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  async addAssignment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NewAssignmentDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.editing.addAssignment(user, id, dto, source(req));
  }

  @Delete(':id/assignments')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  async removeAssignment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RemoveAssignmentQuery,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.editing.removeAssignment(user, id, query.department, source(req));
  }

  /** One department's own 办理时限 on the item (null: back to the item's date). */
  @Put(':id/assignments/due')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(204)
  async setAssignmentDue(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignmentDueDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.editing.setAssignmentDue(user, id, dto.departmentId, dto.dueOn, source(req));
  }

  /** 批量补填办理时限: items without a date get `dueOn`; items that have one are skipped. */
  @Post('deadlines')
  @Roles(Role.Admin, Role.Office)
  @HttpCode(200)
  setMissingDeadlines(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: MissingDeadlinesDto,
    @Req() req: FastifyRequest,
  ): Promise<{ updated: string[]; skipped: string[] }> {
    return this.editing.setMissingDeadlines(user, dto.itemIds, dto.dueOn, source(req));
  }

  /** 签收 by the signed-in user's department. */
  @Post(':id/acknowledge')
  @Roles(Role.Admin, Role.Office, Role.DeptHead, Role.Staff)
  acknowledge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
  ): Promise<DepartmentFlowView> {
    return this.supervision.acknowledge(user, id, source(req));
  }

  @Get(':id/reports')
  @Authenticated()
  listReports(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReportView[]> {
    return this.reports.forItem(user, id);
  }

  /** A progress report of the user's department: JSON, or multipart with evidence files. */
  @Post(':id/reports')
  @Roles(Role.Admin, Role.Office, Role.DeptHead, Role.Staff)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: SubmitReportDto, description: 'multipart: the same fields plus `files` (repeatable)' })
  async submitReport(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ): Promise<ReportView> {
    const { dto, files } = await readBodyWithFiles(
      req,
      body,
      SubmitReportDto,
      this.config.get('UPLOAD_MAX_BYTES', { infer: true }),
    );
    return this.reports.submit(user, id, dto, files, source(req));
  }

  /** 延期申请 by the lead department. */
  @Post(':id/extensions')
  @Roles(Role.Admin, Role.Office, Role.DeptHead, Role.Staff)
  requestExtension(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RequestExtensionDto,
    @Req() req: FastifyRequest,
  ): Promise<ExtensionView> {
    return this.extensions.request(user, id, dto, source(req));
  }

  /** 办结 when every report is in (see ClosureService); 409 with the blockers otherwise. */
  @Post(':id/close')
  @Roles(Role.Admin, Role.Office, Role.Leader)
  async close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
  ): Promise<ItemFlowDetailText> {
    await this.supervision.close(user, id, source(req));
    return itemFlowDetailIn(requestLocale(req), await this.supervision.detail(user, id));
  }
}
