import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';
import type { Env } from '../config/env.schema';
import { itemUrl } from '../notifications/notification-templates';
import { Role } from '../access/role.enum';
import { ESCALATION_LEVELS, type EscalationNotice, type NoticeLevel } from './escalation-notice.entity';
import { renderNoticeHtml } from './escalation-print';
import { EscalationService } from './escalation.service';
import { ReminderFactsRepository } from './reminder-facts.repository';

export class EscalationQueryDto {
  @IsOptional()
  @IsIn(ESCALATION_LEVELS)
  level?: NoticeLevel;

  @IsOptional()
  @IsUUID()
  itemId?: string;
}

/**
 * 督办单: the office (and the read-only leaders and inspectors) list and print them; a department prints the
 * notices of items it is assigned (the print link in its escalation mail).
 */
@ApiTags('escalations')
@Controller('escalations')
export class EscalationsController {
  private readonly publicUrl: string;

  constructor(
    private readonly escalations: EscalationService,
    private readonly scope: PlanScope,
    private readonly facts: ReminderFactsRepository,
    config: ConfigService<Env, true>,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
  }

  @Get()
  @Roles(Role.Admin, Role.Office, Role.Leader, Role.Inspector)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EscalationQueryDto,
  ): Promise<EscalationNotice[]> {
    return this.escalations.list({ ...query, area: await this.scope.area(user) });
  }

  @Get(':id/print')
  @Roles(Role.Admin, Role.Office, Role.Leader, Role.Inspector, Role.DeptHead, Role.Staff)
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // A department reads the notices addressed to it; everyone else those of plans in their area.
    const departmental = user.role === Role.DeptHead || user.role === Role.Staff;
    const notice = await this.escalations.get(id, departmental ? null : await this.scope.area(user));
    if (departmental) {
      const departments = await this.facts.departments([notice.itemId]);
      if (!user.departmentId || !departments.some((d) => d.departmentId === user.departmentId)) {
        throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('reminders.notice_not_for_department'));
      }
    }
    // Set only once allowed: an error must still leave as the app's JSON error shape.
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    return renderNoticeHtml(notice, itemUrl(this.publicUrl, notice.itemId));
  }
}
