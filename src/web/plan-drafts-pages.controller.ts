import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { PlanDraftsService, readDraftUpload } from '../extraction/plan-drafts.service';
import { Role } from '../access/role.enum';
import { Page, PageContext, redirect, sendPage } from './page-context';
import { PageController } from './page-controller';
import { localized } from './page-error.filter';
import { draftListPage, draftReviewPage } from './pages/plan-drafts.page';

type Form = Record<string, string | undefined>;
const formOf = (request: FastifyRequest): Form => (request.body ?? {}) as Form;
const queryOf = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string | undefined>;

/**
 * Plan import from the official document (admin, office): upload or paste, review the draft beside its
 * source, edit it as YAML, publish it. The same PlanDraftsService as `/api/plan-drafts`.
 */
@PageController('plans/drafts')
export class PlanDraftsPagesController {
  constructor(private readonly drafts: PlanDraftsService) {}

  @Get()
  @Roles(Role.Admin, Role.Office)
  async list(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const drafts = await this.drafts.list(ctx.user!);
    sendPage(reply, draftListPage(ctx, { drafts, done: queryOf(request).done ?? null }));
  }

  /** Multipart (app.js sends it with fetch and the CSRF header): a file or pasted text. */
  @Post()
  @Roles(Role.Admin, Role.Office)
  async create(
    @Page() ctx: PageContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = request.isMultipart()
      ? await readDraftUpload(request)
      : { text: formOf(request).text ?? '', fileName: formOf(request).fileName };
    const draft = await this.drafts.create(ctx.user!, input);
    redirect(reply, `/plans/drafts/${draft.id}`);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Office)
  async review(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const draft = await this.drafts.detail(ctx.user!, id);
    const q = queryOf(request);
    sendPage(
      reply,
      draftReviewPage(ctx, { draft, selected: q.item ?? null, yaml: draft.yaml, done: q.done ?? null }),
    );
  }

  /** 保存: the YAML is validated; a refusal shows the page again with the text as sent and every problem. */
  @Post(':id')
  @Roles(Role.Admin, Role.Office)
  async save(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = formOf(request);
    const yaml = form.yaml ?? '';
    const version = Number(form.version);
    try {
      await this.drafts.update(ctx.user!, id, yaml, Number.isInteger(version) ? version : -1);
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === ErrorCode.VALIDATION_FAILED || error.code === ErrorCode.VERSION_CONFLICT)
      ) {
        const draft = await this.drafts.detail(ctx.user!, id);
        const issues = (error.details as { issues?: Array<{ path: string; message: string; line?: number }> })
          ?.issues ?? [{ path: '', message: localized(ctx, error.messageIn(ctx.locale)) }];
        return sendPage(
          reply,
          draftReviewPage(ctx, {
            draft,
            selected: null,
            yaml,
            issues,
            errorMessage: localized(ctx, error.messageIn(ctx.locale)),
            done: null,
          }),
          error.status,
        );
      }
      throw error;
    }
    redirect(reply, `/plans/drafts/${id}?done=saved`);
  }

  /** 发布 → the plan's items list. Refusals (invalid draft, existing plan) are pages with every detail. */
  @Post(':id/publish')
  @Roles(Role.Admin, Role.Office)
  async publish(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const result = await this.drafts.publish(ctx.user!, id, { update: formOf(request).update === 'true' });
    // The workbench says at once which of the plan's departments nobody can receive mail for.
    redirect(reply, `/office?done=published&plan=${result.planId}#published`);
  }

  @Post(':id/discard')
  @Roles(Role.Admin, Role.Office)
  async discard(
    @Page() ctx: PageContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.drafts.discard(ctx.user!, id);
    redirect(reply, '/plans/drafts?done=discarded');
  }
}
