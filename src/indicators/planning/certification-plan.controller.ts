import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Authenticated, CurrentUser, Roles } from '../../access/access.decorators';
import type { AuthenticatedUser } from '../../access/authenticated-user';
import { Role } from '../../access/role.enum';
import { CountyYearParams } from '../indicators.dto';
import type { CertificationPlan } from './certification-planner';
import { CertificationPlanService, type PublishResult } from './certification-plan.service';
import { EDITABLE_FIELDS, type EditableField, type ScenarioResult } from './what-if';

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

export class ScenarioEditDto {
  @ApiProperty() @IsString() @Matches(/^\S{1,40}$/) school_code!: string;
  @ApiProperty({ enum: ['primary', 'junior', 'combined'] }) @IsIn(['primary', 'junior', 'combined']) level!:
    'primary' | 'junior' | 'combined';
  @ApiProperty({ enum: EDITABLE_FIELDS }) @IsIn(EDITABLE_FIELDS) field!: EditableField;
  @ApiProperty() @IsNumber() @Min(0) value!: number;
}

export class ScenarioDto {
  @ApiProperty({ type: [ScenarioEditDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ScenarioEditDto)
  edits!: ScenarioEditDto[];

  @ApiPropertyOptional({ description: 'apply the plan of the edited data too' })
  @IsOptional()
  @IsBoolean()
  applyPlan?: boolean;

  @ApiPropertyOptional({ enum: ['none', 'allowed'] })
  @IsOptional()
  @IsIn(['none', 'allowed'])
  transfers?: 'none' | 'allowed';
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

  /** 测算推演: evaluation, CVs and costs of the county's data with the scenario's edits (nothing is stored). */
  @Post(':code/:year/what-if')
  @HttpCode(200)
  @Authenticated()
  whatIf(
    @Param() params: CountyYearParams,
    @Body() body: ScenarioDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ScenarioResult> {
    return this.plans.whatIf(user, params.code, params.year, {
      edits: body.edits,
      applyPlan: body.applyPlan ?? false,
      transfers: body.transfers === 'allowed',
    });
  }

  /** The plan of a scenario's data (what the what-if page shows) as a workbook. */
  @Post(':code/:year/what-if.xlsx')
  @HttpCode(200)
  @Authenticated()
  async scenarioWorkbook(
    @Param() params: CountyYearParams,
    @Body() body: ScenarioDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { data, countyName } = await this.plans.scenarioWorkbook(user, params.code, params.year, {
      edits: body.edits,
      applyPlan: false,
      transfers: body.transfers === 'allowed',
    });
    const name = `${countyName}${params.year}学年达标测算（推演）.xlsx`;
    return new StreamableFile(data, {
      type: XLSX,
      disposition: `attachment; filename="plan-${params.code}-${params.year}-what-if.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }

  @Get(':code/:year/plan.xlsx')
  @Authenticated()
  async workbook(
    @Param() params: CountyYearParams,
    @Query() query: CertificationPlanQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { data, countyName } = await this.plans.workbook(user, {
      county: params.code,
      year: params.year,
      transfers: query.transfers === 'allowed',
    });
    const name = `${countyName}${params.year}学年达标测算.xlsx`;
    return new StreamableFile(data, {
      type: XLSX,
      disposition: `attachment; filename="plan-${params.code}-${params.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
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
