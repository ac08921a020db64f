import { Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExtensionsService } from '../supervision/extensions.service';
import { ReportsService } from '../supervision/reports.service';
import {
  DecideExtensionDto,
  IssueNoticeDto,
  NoticeReplyDto,
  RequestExtensionDto,
  ReviewReportDto,
  SubmitReportDto,
  UrgeDto,
} from '../supervision/supervision.dto';
import { NoticesService } from '../supervision/notices.service';
import { SupervisionService } from '../supervision/supervision.service';
import { Roles } from '../access/access.decorators';
import { validationPipe } from '../common/validation';
import type { Env } from '../config/env.schema';
import { readEvidenceUpload, type UploadedFile } from '../evidence/upload';
import { AssignmentDueDto, NewAssignmentDto, RemoveAssignmentQuery } from '../plans/item-editing.dto';
import { ItemEditingService } from '../plans/item-editing.service';
import { Role } from '../access/role.enum';
import { Page, PageContext, redirect } from './page-context';
import { PageController } from './page-controller';
import { safeNext } from './web-routing';

type Form = Record<string, string | undefined>;

const WRITERS = [Role.Admin, Role.Office, Role.DeptHead, Role.Staff];
const REVIEWERS = [Role.Admin, Role.Office, Role.Leader];

/** The form fields a DTO takes (the pages add `_csrf` and `next`, which the DTOs do not know). */
function pick(form: Form, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = form[f];
    if (typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}

async function validated<T extends object>(fields: Record<string, string>, type: new () => T): Promise<T> {
  return (await validationPipe.transform(fields, { type: 'body', metatype: type })) as T;
}

/**
 * The 督办 flow's forms (签收, reports with files, extensions, reviews, decisions, 办结, re-assignment): thin
 * POST handlers over the same services and DTOs as the API controllers, answering with a 303 back to the page.
 * Refusals (role, scope, flow state, validation) are DomainErrors rendered as pages by PageErrorFilter.
 */
@PageController()
export class FlowController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly reports: ReportsService,
    private readonly extensions: ExtensionsService,
    private readonly editing: ItemEditingService,
    private readonly notices: NoticesService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @Post('items/:id/acknowledge')
  @Roles(...WRITERS)
  async acknowledge(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.supervision.acknowledge(ctx.user!, id, source(request));
    redirect(reply, back(request, `/items/${id}`));
  }

  /** Multipart (the page script sends the CSRF token as a header) or, without files, a plain form. */
  @Post('items/:id/reports')
  @Roles(...WRITERS)
  async submitReport(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let form: Form = formOf(request);
    let files: UploadedFile[] = [];
    if (request.isMultipart()) {
      const upload = await readEvidenceUpload(request, this.config.get('UPLOAD_MAX_BYTES', { infer: true }));
      form = upload.fields;
      files = upload.files.filter((f) => f.data.length > 0 || f.name !== 'file');
    }
    const dto = await validated(pick(form, ['period', 'text', 'percent']), SubmitReportDto);
    await this.reports.submit(ctx.user!, id, dto, files, source(request));
    redirect(reply, `/items/${id}?done=report#reports`);
  }

  @Post('items/:id/extensions')
  @Roles(...WRITERS)
  async requestExtension(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['reason', 'newDueOn']), RequestExtensionDto);
    await this.extensions.request(ctx.user!, id, dto, source(request));
    redirect(reply, `/items/${id}?done=extension#extensions`);
  }

  @Post('reports/:id/review')
  @Roles(...REVIEWERS)
  async review(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['decision', 'comment']), ReviewReportDto);
    const outcome = await this.reports.review(ctx.user!, id, dto, source(request));
    const done = outcome.itemClosed ? 'closed' : dto.decision === 'approve' ? 'approved' : 'returned';
    redirect(reply, withDone(back(request, `/items/${outcome.report.itemId}`), done));
  }

  @Post('extensions/:id/decision')
  @Roles(...REVIEWERS)
  async decide(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['decision', 'comment']), DecideExtensionDto);
    const view = await this.extensions.decide(ctx.user!, id, dto, source(request));
    redirect(reply, withDone(back(request, `/items/${view.itemId}`), `extension-${dto.decision}`));
  }

  @Post('items/:id/close')
  @Roles(...REVIEWERS)
  async close(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.supervision.close(ctx.user!, id, source(request));
    redirect(reply, `/items/${id}?done=closed`);
  }

  /** A department's own 办理时限 (empty: back to the item's date). */
  @Post('items/:id/assignments/due')
  @Roles(Role.Admin, Role.Office)
  async setAssignmentDue(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = formOf(request);
    const dto = await validated(
      { ...pick(form, ['departmentId']), dueOn: (form.dueOn || null) as unknown as string },
      AssignmentDueDto,
    );
    await this.editing.setAssignmentDue(ctx.user!, id, dto.departmentId, dto.dueOn, source(request));
    redirect(reply, `/items/${id}?done=due#departments`);
  }

  /** Issues a numbered 督办通知 and opens it for printing. */
  @Post('items/:id/notices')
  @Roles(Role.Admin, Role.Office)
  async issueNotice(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['replyDueOn']), IssueNoticeDto);
    const notice = await this.notices.issue(ctx.user!, id, dto, source(request));
    redirect(reply, `/office/notices/${notice.id}`);
  }

  /** 催办: recorded on the item and mailed to the department. */
  @Post('items/:id/urge')
  @Roles(Role.Admin, Role.Office)
  async urge(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['departmentId', 'text']), UrgeDto);
    await this.notices.urge(ctx.user!, id, dto, source(request));
    redirect(reply, `/items/${id}?done=urged#supervision`);
  }

  /** 反馈 on a notice with files (multipart, sent by the page script) or a plain form. */
  @Post('notices/:id/replies')
  @Roles(...WRITERS)
  async replyToNotice(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let form: Form = formOf(request);
    let files: UploadedFile[] = [];
    if (request.isMultipart()) {
      const upload = await readEvidenceUpload(request, this.config.get('UPLOAD_MAX_BYTES', { infer: true }));
      form = upload.fields;
      files = upload.files.filter((f) => f.data.length > 0 || f.name !== 'file');
    }
    const dto = await validated(pick(form, ['text']), NoticeReplyDto);
    const view = await this.notices.reply(ctx.user!, id, dto, files, source(request));
    redirect(reply, `/items/${view.itemId}?done=replied#supervision`);
  }

  /** 改派: add a department (or change its role) on an item. */
  @Post('items/:id/assignments')
  @Roles(Role.Admin, Role.Office)
  async addAssignment(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const dto = await validated(pick(formOf(request), ['departmentId', 'role']), NewAssignmentDto);
    await this.editing.addAssignment(ctx.user!, id, dto, source(request));
    redirect(reply, `/items/${id}?done=assigned#assign`);
  }

  /** 改派: remove a department from an item (forms cannot send DELETE). */
  @Post('items/:id/assignments/remove')
  @Roles(Role.Admin, Role.Office)
  async removeAssignment(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = await validated(pick(formOf(request), ['department']), RemoveAssignmentQuery);
    await this.editing.removeAssignment(ctx.user!, id, query.department, source(request));
    redirect(reply, `/items/${id}?done=unassigned#assign`);
  }
}

const formOf = (request: FastifyRequest): Form => (request.body ?? {}) as Form;

const source = (request: FastifyRequest): string => `web ${request.method} ${request.url}`.slice(0, 300);

/** Where the form asked to go back to (`next`, same site only), else the fallback. */
function back(request: FastifyRequest, fallback: string): string {
  const next = formOf(request).next;
  return next ? safeNext(next) : fallback;
}

function withDone(url: string, done: string): string {
  const [pathAndQuery, hash] = url.split('#');
  const u = new URL(pathAndQuery, 'http://x');
  u.searchParams.set('done', done);
  return `${u.pathname}${u.search}${hash ? `#${hash}` : ''}`;
}
