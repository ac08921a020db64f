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
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { validationPipe } from '../common/validation';
import type { Env } from '../config/env.schema';
import { readEvidenceUpload, type UploadedFile } from '../evidence/upload';
import { AssignmentDueDto, NewAssignmentDto, RemoveAssignmentQuery } from '../plans/item-editing.dto';
import { ItemEditingService } from '../plans/item-editing.service';
import { Role } from '../access/role.enum';
import {
  checkAssign,
  checkDecision,
  checkDue,
  checkExtension,
  checkNotice,
  checkReply,
  checkReport,
  checkReview,
  checkUnassign,
  checkUrge,
  type FieldErrors,
  type FlowFormName,
  type FlowFormState,
  WHOLE_FORM,
} from './flow-form-state';
import { ItemPageRenderer } from './item-page.renderer';
import { Page, PageContext, redirect, sendPage } from './page-context';
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

/** What was typed in the form's fields (kept to show again when the form is sent back). */
function typed(form: Form, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) if (typeof form[f] === 'string') out[f] = form[f];
  return out;
}

/** The service refusals a reader can correct in the form itself (the rest are error pages). */
const CORRECTABLE: readonly string[] = [
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.UNSUPPORTED_MEDIA,
  ErrorCode.PAYLOAD_TOO_LARGE,
];

interface Attempt {
  form: FlowFormName;
  /** Which form of that name on the page (report, extension, notice, department). */
  target?: string | null;
  /** The item whose page shows the form (looked up only when the form is sent back). */
  itemId: string | (() => Promise<string>);
  values: Record<string, string>;
  errors: FieldErrors;
  filesDropped?: boolean;
  /** Where a problem of a file goes. */
  filesField?: string;
}

/**
 * The 督办 flow's forms (签收, reports with files, extensions, reviews, decisions, 办结, re-assignment): thin
 * POST handlers over the same services and DTOs as the API controllers, answering with a 303 back to the page.
 * A problem with what was typed — found by the form's checks or by the service — sends the item page back
 * (400) with the form as it was filled in and each problem next to its field; other refusals (role, scope,
 * flow state) are DomainErrors rendered as pages by PageErrorFilter.
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
    private readonly itemPage: ItemPageRenderer,
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
    const values = typed(form, REPORT_FIELDS);
    const { errors, period } = checkReport(values);
    await this.attempt(
      ctx,
      reply,
      { form: 'report', itemId: id, values, errors, filesDropped: files.length > 0, filesField: 'files' },
      async () => {
        const dto = await validated(
          { ...pick(form, ['text', 'percent']), period: period ?? '' },
          SubmitReportDto,
        );
        await this.reports.submit(ctx.user!, id, dto, files, source(request));
        redirect(reply, `/items/${id}?done=report#reports`);
      },
    );
  }

  @Post('items/:id/extensions')
  @Roles(...WRITERS)
  async requestExtension(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = typed(formOf(request), ['reason', 'newDueOn']);
    await this.attempt(
      ctx,
      reply,
      { form: 'extension', itemId: id, values, errors: checkExtension(values) },
      async () => {
        const dto = await validated(pick(values, ['reason', 'newDueOn']), RequestExtensionDto);
        await this.extensions.request(ctx.user!, id, dto, source(request));
        redirect(reply, `/items/${id}?done=extension#extensions`);
      },
    );
  }

  /** 审核 (from the item page or the office's list): a return without a comment comes back to the item page. */
  @Post('reports/:id/review')
  @Roles(...REVIEWERS)
  async review(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = typed(formOf(request), ['decision', 'comment', 'next']);
    await this.attempt(
      ctx,
      reply,
      {
        form: 'review',
        target: id,
        itemId: async () => (await this.reports.getView(id)).itemId,
        values,
        errors: checkReview(values),
      },
      async () => {
        const dto = await validated(pick(values, ['decision', 'comment']), ReviewReportDto);
        const outcome = await this.reports.review(ctx.user!, id, dto, source(request));
        const done = outcome.itemClosed ? 'closed' : dto.decision === 'approve' ? 'approved' : 'returned';
        redirect(reply, withDone(back(request, `/items/${outcome.report.itemId}`), done));
      },
    );
  }

  @Post('extensions/:id/decision')
  @Roles(...REVIEWERS)
  async decide(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = typed(formOf(request), ['decision', 'comment', 'next']);
    await this.attempt(
      ctx,
      reply,
      {
        form: 'decision',
        target: id,
        itemId: async () => (await this.extensions.getView(id)).itemId,
        values,
        errors: checkDecision(values),
      },
      async () => {
        const dto = await validated(pick(values, ['decision', 'comment']), DecideExtensionDto);
        const view = await this.extensions.decide(ctx.user!, id, dto, source(request));
        redirect(reply, withDone(back(request, `/items/${view.itemId}`), `extension-${dto.decision}`));
      },
    );
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
    const values = typed(formOf(request), ['departmentId', 'dueOn']);
    await this.attempt(
      ctx,
      reply,
      { form: 'due', target: values.departmentId ?? null, itemId: id, values, errors: checkDue(values) },
      async () => {
        const dto = await validated(
          { ...pick(values, ['departmentId']), dueOn: (values.dueOn || null) as unknown as string },
          AssignmentDueDto,
        );
        await this.editing.setAssignmentDue(ctx.user!, id, dto.departmentId, dto.dueOn, source(request));
        redirect(reply, `/items/${id}?done=due#departments`);
      },
    );
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
    const values = typed(formOf(request), ['replyDueOn']);
    await this.attempt(
      ctx,
      reply,
      { form: 'notice', itemId: id, values, errors: checkNotice(values) },
      async () => {
        const dto = await validated(pick(values, ['replyDueOn']), IssueNoticeDto);
        const notice = await this.notices.issue(ctx.user!, id, dto, source(request));
        redirect(reply, `/office/notices/${notice.id}`);
      },
    );
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
    const values = typed(formOf(request), ['departmentId', 'text']);
    await this.attempt(
      ctx,
      reply,
      { form: 'urge', itemId: id, values, errors: checkUrge(values) },
      async () => {
        const dto = await validated(pick(values, ['departmentId', 'text']), UrgeDto);
        await this.notices.urge(ctx.user!, id, dto, source(request));
        redirect(reply, `/items/${id}?done=urged#supervision`);
      },
    );
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
    const values = typed(form, ['text']);
    await this.attempt(
      ctx,
      reply,
      {
        form: 'reply',
        target: id,
        itemId: async () => (await this.notices.notice(ctx.user!, id)).itemId,
        values,
        errors: checkReply(values),
        filesDropped: files.length > 0,
        filesField: 'files',
      },
      async () => {
        const dto = await validated(pick(values, ['text']), NoticeReplyDto);
        const view = await this.notices.reply(ctx.user!, id, dto, files, source(request));
        redirect(reply, `/items/${view.itemId}?done=replied#supervision`);
      },
    );
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
    const values = typed(formOf(request), ['departmentId', 'role']);
    await this.attempt(
      ctx,
      reply,
      { form: 'assign', itemId: id, values, errors: checkAssign(values) },
      async () => {
        const dto = await validated(pick(values, ['departmentId', 'role']), NewAssignmentDto);
        await this.editing.addAssignment(ctx.user!, id, dto, source(request));
        redirect(reply, `/items/${id}?done=assigned#assign`);
      },
    );
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
    const values = typed(formOf(request), ['department']);
    await this.attempt(
      ctx,
      reply,
      { form: 'unassign', itemId: id, values, errors: checkUnassign(values) },
      async () => {
        const query = await validated(pick(values, ['department']), RemoveAssignmentQuery);
        await this.editing.removeAssignment(ctx.user!, id, query.department, source(request));
        redirect(reply, `/items/${id}?done=unassigned#assign`);
      },
    );
  }

  /**
   * The form's own checks first; then the service. Problems with what was typed (the checks', or a service's
   * VALIDATION_FAILED / file refusal) send the item page back with the form filled in as it was.
   */
  private async attempt(
    ctx: PageContext,
    reply: FastifyReply,
    attempt: Attempt,
    action: () => Promise<void>,
  ): Promise<void> {
    let errors: FlowFormState['errors'] = attempt.errors;
    let status = 400;
    if (!Object.keys(errors).length) {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof DomainError) || !CORRECTABLE.includes(error.code)) throw error;
        errors = problemsOf(error, attempt);
        status = error.status;
      }
    }
    const state: FlowFormState = {
      form: attempt.form,
      target: attempt.target ?? null,
      values: attempt.values,
      errors,
      filesDropped: attempt.filesDropped ?? false,
    };
    const itemId = typeof attempt.itemId === 'string' ? attempt.itemId : await attempt.itemId();
    sendPage(reply, await this.itemPage.render(ctx, itemId, { form: state }), status);
  }
}

const REPORT_FIELDS = [
  'period',
  'periodKind',
  'periodYear',
  'periodHalf',
  'periodQuarter',
  'periodMonth',
  'percent',
  'text',
] as const;

/** The DTO's checks, after the form's own (which word the same rules for the reader): a safety net. */
async function validated<T extends object>(fields: Record<string, string>, type: new () => T): Promise<T> {
  try {
    return (await validationPipe.transform(fields, { type: 'body', metatype: type })) as T;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
    throw new DomainError(ErrorCode.VALIDATION_FAILED, error.text ?? error.message, {
      fields: fieldsOf(error.details).map((field) => ({ field, problem: msg('forms.invalid') })),
    });
  }
}

function fieldsOf(details: unknown): string[] {
  return Array.isArray(details)
    ? details.flatMap((d) =>
        typeof (d as { field?: unknown })?.field === 'string' ? [(d as { field: string }).field] : [],
      )
    : [];
}

/**
 * A service's refusal as problems of the form: next to the field it names (validation details
 * `{field, problems}`), a file refusal next to the files, anything else for the whole form.
 */
function problemsOf(error: DomainError, attempt: Attempt): FlowFormState['errors'] {
  const message = error.text ?? error.message;
  const errors: FlowFormState['errors'] = {};
  const own = (error.details as { fields?: Array<{ field: string; problem: ReturnType<typeof msg> }> })
    ?.fields;
  if (Array.isArray(own)) {
    for (const f of own) errors[fieldName(f.field)] = f.problem;
    return Object.keys(errors).length ? errors : { [WHOLE_FORM]: message };
  }
  if (error.code !== ErrorCode.VALIDATION_FAILED && attempt.filesField) {
    return { [attempt.filesField]: message };
  }
  for (const field of fieldsOf(error.details)) errors[fieldName(field)] = message;
  return Object.keys(errors).length ? errors : { [WHOLE_FORM]: message };
}

/** The form field a DTO field is typed in (the 期次 is picked, not typed as a code). */
const fieldName = (dtoField: string): string => (dtoField === 'period' ? 'periodKind' : dtoField);

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
