import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Role } from '../access/role.enum';
import { ReportsService, type ReportView, type ReviewOutcome } from './reports.service';
import { ReportQueueQuery, ReviewReportDto } from './supervision.dto';

/** `filename*` (RFC 5987, UTF-8) with an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The review queue (反馈/复核): reports awaiting review by default. */
  @Get()
  @Roles(Role.Admin, Role.Office, Role.Leader, Role.Inspector)
  queue(@CurrentUser() user: AuthenticatedUser, @Query() query: ReportQueueQuery): Promise<ReportView[]> {
    return this.reports.queue(user, query.status ?? 'submitted');
  }

  @Post(':id/review')
  @Roles(Role.Admin, Role.Office, Role.Leader)
  review(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewReportDto,
    @Req() req: FastifyRequest,
  ): Promise<ReviewOutcome> {
    return this.reports.review(user, id, dto, `${req.method} ${req.url}`);
  }

  /** Streams an evidence file to anyone who sees the item. */
  @Get(':id/files/:fileId')
  @Authenticated()
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.reports.openFile(user, id, fileId);
    await reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  }
}
