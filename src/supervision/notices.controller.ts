import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role.enum';
import type { Env } from '../config/env.schema';
import { readBodyWithFiles } from '../evidence/upload';
import {
  type ActionView,
  type NoticeView,
  NoticesService,
  type SupervisionTimeline,
} from './notices.service';
import { contentDisposition } from './reports.controller';
import { IssueNoticeDto, NoticeReplyDto, UrgeDto } from './supervision.dto';

const source = (req: FastifyRequest) => `${req.method} ${req.url}`;

/** Numbered 督办件, 催办 and 反馈 (the item's 督办 record). */
@ApiTags('notices')
@Controller()
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @Get('items/:id/notices')
  @Authenticated()
  timeline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SupervisionTimeline> {
    return this.notices.timeline(user, id);
  }

  /** Issues a numbered 督办通知 (〔year〕第N号) with its 反馈 deadline. */
  @Post('items/:id/notices')
  @Roles(Role.Admin, Role.Office)
  issue(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IssueNoticeDto,
    @Req() req: FastifyRequest,
  ): Promise<NoticeView> {
    return this.notices.issue(user, id, dto, source(req));
  }

  /** 催办: recorded on the item and mailed to the department's contacts. */
  @Post('items/:id/urge')
  @Roles(Role.Admin, Role.Office)
  urge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UrgeDto,
    @Req() req: FastifyRequest,
  ): Promise<ActionView[]> {
    return this.notices.urge(user, id, dto, source(req));
  }

  @Get('notices/:id')
  @Authenticated()
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeView> {
    return this.notices.notice(user, id);
  }

  /** 反馈 on a notice by an assigned department (JSON, or multipart with `files`). */
  @Post('notices/:id/replies')
  @Roles(Role.Admin, Role.Office, Role.DeptHead, Role.Staff)
  async reply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ): Promise<ActionView> {
    const { dto, files } = await readBodyWithFiles(
      req,
      body,
      NoticeReplyDto,
      this.config.get('UPLOAD_MAX_BYTES', { infer: true }),
    );
    return this.notices.reply(user, id, dto, files, source(req));
  }

  @Get('notices/replies/:actionId/files/:fileId')
  @Authenticated()
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.notices.openReplyFile(user, actionId, fileId);
    await reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }
}
