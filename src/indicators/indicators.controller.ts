import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Public, Roles } from '../access/access.decorators';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { PlanScope } from '../access/plan-scope';
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg, translate } from '../common/i18n/catalog';
import { requestLocale } from '../common/request-locale';
import type { Env } from '../config/env.schema';
import { Role } from '../access/role.enum';
import type { EvaluationJson } from './evaluation-workbook';
import { EvaluationsService } from './evaluations.service';
import type { EvidenceView } from './evidence/evidence.service';
import { issueMessage } from './import/import-issues';
import { buildTemplate } from './import/template-writer';
import { IndicatorImportService, type StatisticsImportResult } from './indicator-import.service';
import { IndicatorJobs, type FailedJobView } from './indicator-jobs.service';
import {
  CountyYearParams,
  ImportsQuery,
  LedgerSummaryQuery,
  LedgersQuery,
  uploadYear,
} from './indicators.dto';
import { ItemEvidenceService } from './item-evidence.service';
import type { LedgerEntry } from './ledger-entry.entity';
import { LedgersService, type LedgerSummary } from './ledgers.service';
import { InjectRuleSet } from './rule-set.provider';
import type { RuleSet } from './engine';
import { StatisticsService, type ImportView } from './statistics.service';
import { readUpload } from './upload';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A stored import as the API answers it: the notices in the reader's language. */
type ImportedBody = Omit<Extract<StatisticsImportResult, { ok: true }>, 'notices'> & { notices: string[] };

/**
 * Statistics imports, recompute jobs, ledgers and the template. Reads: every signed-in role, counties of their area
 * (PlanScope); writes: admin, office, counties of their area.
 */
@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly importer: IndicatorImportService,
    private readonly statistics: StatisticsService,
    private readonly jobs: IndicatorJobs,
    private readonly ledgers: LedgersService,
    private readonly scope: PlanScope,
    private readonly config: ConfigService<Env, true>,
    @InjectRuleSet() private readonly ruleSet: RuleSet,
  ) {}

  /**
   * One or more CSV/XLSX files (multipart), optional `year` field. 400 lists every problem; nothing is stored then.
   * Discrepancies between the files (班级数/学生数 against class rows, a CSV cut off) are a 400 naming each, unless
   * the `confirm` field is `yes`.
   */
  @Post('imports')
  @Roles(Role.Admin, Role.Office)
  @ApiConsumes('multipart/form-data')
  async import(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportedBody> {
    const maxBytes = this.config.get('UPLOAD_MAX_BYTES', { infer: true });
    const { files, fields } = await readUpload(request, maxBytes);
    const result = await this.importer.import(
      files,
      { userId: user.id, label: user.name },
      {
        source: 'api',
        year: uploadYear(fields.year),
        maxFileBytes: maxBytes,
        area: await this.scope.area(user),
        confirmDiscrepancies: fields.confirm === 'yes',
      },
    );
    // Issues and notices are messages: the error filter renders `details` in the reader's language.
    if (!result.ok) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.import.problems', { count: result.issueCount }),
        {
          issueCount: result.issueCount,
          issues: result.issues.map((issue) => ({ ...issue, text: issueMessage(issue) })),
          notices: result.notices,
        },
      );
    }
    const locale = requestLocale(request);
    return { ...result, notices: result.notices.map((notice) => translate(locale, notice)) };
  }

  @Get('imports')
  @Authenticated()
  async imports(@CurrentUser() user: AuthenticatedUser, @Query() query: ImportsQuery): Promise<ImportView[]> {
    return this.statistics.list({ ...query, area: await countyArea(this.scope, user, query.county) });
  }

  @Get('jobs/failed')
  @Roles(Role.Admin, Role.Office)
  failedJobs(): Promise<FailedJobView[]> {
    return this.jobs.failed();
  }

  @Get('ledgers')
  @Authenticated()
  async ledgerEntries(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LedgersQuery,
  ): Promise<LedgerEntry[]> {
    return this.ledgers.list({ ...query, area: await countyArea(this.scope, user, query.county) });
  }

  @Get('ledgers/summary')
  @Authenticated()
  async ledgerSummary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LedgerSummaryQuery,
  ): Promise<LedgerSummary> {
    const area = await countyArea(this.scope, user, query.county);
    return this.ledgers.summary(query.county, this.ruleSet.version, area);
  }

  @Get('template.xlsx')
  @Public()
  async template(): Promise<StreamableFile> {
    const data = Buffer.from(await buildTemplate().xlsx.writeBuffer());
    return new StreamableFile(data, {
      type: XLSX,
      disposition: attachment('统计数据模板.xlsx'),
      length: data.length,
    });
  }
}

/**
 * The counties whose data the user reads: their area, or the one county asked for (403 outside the area).
 * null: every county (admin).
 */
async function countyArea(
  scope: PlanScope,
  user: AuthenticatedUser,
  county?: string,
): Promise<string[] | null> {
  if (county) {
    await scope.assertInArea(user, county, `县 ${county} `);
    return null;
  }
  return scope.area(user);
}

/** The §10 evaluation of a county-year, as JSON or XLSX. */
@ApiTags('indicators')
@Controller('counties')
export class CountyEvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly scope: PlanScope,
  ) {}

  @Get(':code/evaluations/:year')
  @Authenticated()
  async evaluation(
    @CurrentUser() user: AuthenticatedUser,
    @Param() params: CountyYearParams,
  ): Promise<EvaluationJson> {
    await this.scope.assertInArea(user, params.code, `县 ${params.code} `);
    return this.evaluations.forCounty(params.code, params.year);
  }

  @Get(':code/evaluations/:year/export.xlsx')
  @Authenticated()
  async export(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Param() params: CountyYearParams,
  ): Promise<StreamableFile> {
    await this.scope.assertInArea(user, params.code, `县 ${params.code} `);
    const locale = requestLocale({ query: request.query, cookies: request.cookies, user });
    const data = await this.evaluations.workbook(params.code, params.year, locale);
    return new StreamableFile(data, {
      type: XLSX,
      disposition: attachment(
        locale === 'en'
          ? `${params.code}-${params.year}-evaluation.xlsx`
          : `${params.code}-${params.year}年度评估结果.xlsx`,
      ),
      length: data.length,
    });
  }
}

/** Evidence records of a plan item (immutable: there is no write route). */
@ApiTags('items')
@Controller('items')
export class ItemEvidenceController {
  constructor(private readonly evidence: ItemEvidenceService) {}

  @Get(':id/evidence')
  @Authenticated()
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EvidenceView[]> {
    return this.evidence.history(user, id);
  }
}
