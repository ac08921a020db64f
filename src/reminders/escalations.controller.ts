import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import type { Env } from '../config/env.schema';
import { itemUrl } from '../notifications/notification-templates';
import { Role } from '../access/role.enum';
import { ESCALATION_LEVELS, type EscalationNotice, type NoticeLevel } from './escalation-notice.entity';
import { renderNoticeHtml } from './escalation-print';
import { EscalationService } from './escalation.service';

export class EscalationQueryDto {
  @IsOptional()
  @IsIn(ESCALATION_LEVELS)
  level?: NoticeLevel;

  @IsOptional()
  @IsUUID()
  itemId?: string;
}

/** 督办单: the office (and the read-only leaders and inspectors) list and print them. */
@ApiTags('escalations')
@Controller('escalations')
export class EscalationsController {
  private readonly publicUrl: string;

  constructor(
    private readonly escalations: EscalationService,
    private readonly scope: PlanScope,
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
  @Roles(Role.Admin, Role.Office, Role.Leader, Role.Inspector)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<string> {
    const notice = await this.escalations.get(id, await this.scope.area(user));
    return renderNoticeHtml(notice, itemUrl(this.publicUrl, notice.itemId));
  }
}
