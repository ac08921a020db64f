import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsUUID, Max, Min } from 'class-validator';
import { Authenticated, CurrentUser, Roles } from '../../access/access.decorators';
import type { AuthenticatedUser } from '../../access/authenticated-user';
import { Role } from '../../access/role.enum';
import { CountyYearParams } from '../indicators.dto';
import type { CertificationPlan } from './certification-planner';
import { CertificationPlanService, type PublishResult } from './certification-plan.service';

export class CertificationPlanQuery {
  @ApiPropertyOptional({ enum: ['none', 'allowed'], description: '交流轮岗: allow moving teachers' })
  @IsOptional()
  @IsIn(['none', 'allowed'])
  transfers?: 'none' | 'allowed';
}

export class PublishCertificationPlanDto {
  @ApiProperty({ description: 'the plan the items are added to' })
  @IsUUID()
  planId!: string;

  @ApiPropertyOptional({ enum: ['none', 'allowed'] })
  @IsOptional()
  @IsIn(['none', 'allowed'])
  transfers?: 'none' | 'allowed';

  @ApiPropertyOptional({
    description: "certification year; default: the plan's CERT milestone for the county",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  milestoneYear?: number;

  @ApiPropertyOptional({ description: 'yuan per year; default: no cap' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  budgetYuan?: number;
}

/** 达标测算: read by whoever sees the county; published into a plan by the office (and admin). */
@ApiTags('indicators')
@Controller('indicators/certification-plan')
export class CertificationPlanController {
  constructor(private readonly plans: CertificationPlanService) {}

  @Get(':code/:year')
  @Authenticated()
  async plan(
    @Param() params: CountyYearParams,
    @Query() query: CertificationPlanQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CertificationPlan> {
    const { plan } = await this.plans.plan(user, {
      county: params.code,
      year: params.year,
      transfers: query.transfers === 'allowed',
    });
    return plan;
  }

  @Post(':code/:year/publish')
  @HttpCode(201)
  @Roles(Role.Admin, Role.Office)
  publish(
    @Param() params: CountyYearParams,
    @Body() body: PublishCertificationPlanDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PublishResult> {
    return this.plans.publish(user, {
      county: params.code,
      year: params.year,
      transfers: body.transfers === 'allowed',
      planId: body.planId,
      milestoneYear: body.milestoneYear,
      budgetYuan: body.budgetYuan,
    });
  }
}
