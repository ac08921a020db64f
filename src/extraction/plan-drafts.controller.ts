import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import { etagOf, versionFromIfMatch } from '../plans/etag';
import { Role } from '../access/role.enum';
import { PLAN_DRAFT_STATUSES, type PlanDraftStatus } from './plan-draft.entity';
import {
  type DraftInput,
  type PlanDraftDetail,
  PlanDraftsService,
  type PlanDraftSummary,
  type PublishResult,
  readDraftUpload,
} from './plan-drafts.service';

/** Reads `{text, fileName?}` from a JSON body; anything else is a 400 that says what is expected. */
function jsonInput(body: unknown): DraftInput {
  const b = (body ?? {}) as { text?: unknown; fileName?: unknown };
  if (typeof b.text !== 'string' || (b.fileName !== undefined && typeof b.fileName !== 'string')) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('extraction.draft.upload_missing'));
  }
  return { text: b.text, fileName: b.fileName as string | undefined };
}

/** Plan drafts (src/extraction): upload or paste a plan document, check and edit the draft, publish it. */
@ApiTags('plan-drafts')
@Controller('plan-drafts')
export class PlanDraftsController {
  constructor(private readonly drafts: PlanDraftsService) {}

  /** multipart `file` (.txt/.docx/.html) or `text`; or JSON `{text, fileName?}`. Nothing is stored on failure. */
  @Post()
  @Roles(Role.Admin, Role.Office)
  @ApiConsumes('multipart/form-data', 'application/json')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ): Promise<PlanDraftDetail> {
    const input = req.isMultipart() ? await readDraftUpload(req) : jsonInput(body);
    return this.drafts.create(user, input);
  }

  /** The caller's drafts (admin: everyone's), newest first. */
  @Get()
  @Roles(Role.Admin, Role.Office)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query('status') status?: string,
  ): Promise<PlanDraftSummary[]> {
    const wanted = PLAN_DRAFT_STATUSES.includes(status as PlanDraftStatus)
      ? (status as PlanDraftStatus)
      : undefined;
    return this.drafts.list(user, { status: wanted });
  }

  /** The draft, its YAML, provenance (excerpt + confidence per field), warnings and the source text; ETag. */
  @Get(':id')
  @Roles(Role.Admin, Role.Office)
  async detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanDraftDetail> {
    const detail = await this.drafts.detail(user, id);
    void reply.header('etag', etagOf(detail.version));
    return detail;
  }

  /**
   * The edited draft: YAML as `text/plain`, JSON `{yaml: "…"}`, or the plan file as JSON. Needs `If-Match`.
   * 400 lists every problem with its path; nothing is saved then.
   */
  @Put(':id')
  @Roles(Role.Admin, Role.Office)
  @ApiConsumes('text/plain', 'application/json')
  @ApiBody({ description: 'YAML text (text/plain), {"yaml": "…"} or a plan file as JSON' })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanDraftDetail> {
    const expected = versionFromIfMatch(req.headers['if-match']);
    let edited: string | object;
    if (typeof body === 'string') edited = body;
    else if (body && typeof body === 'object' && typeof (body as { yaml?: unknown }).yaml === 'string')
      edited = (body as { yaml: string }).yaml;
    else if (body && typeof body === 'object' && !Array.isArray(body)) edited = body;
    else {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('extraction.draft.body_missing'));
    }
    const detail = await this.drafts.update(user, id, edited, expected);
    void reply.header('etag', etagOf(detail.version));
    return detail;
  }

  /** Imports the draft as a plan (409 when a plan with its key exists, unless `?update=true`). */
  @Post(':id/publish')
  @Roles(Role.Admin, Role.Office)
  publish(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('update') update?: string,
  ): Promise<PublishResult> {
    return this.drafts.publish(user, id, { update: update === 'true' || update === '1' });
  }

  @Post(':id/discard')
  @Roles(Role.Admin, Role.Office)
  discard(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PlanDraftSummary> {
    return this.drafts.discard(user, id);
  }
}
