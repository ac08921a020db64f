import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { evaluateCounty, type RuleSet } from './engine';
import { Evaluation } from './evaluation.entity';
import { type EvaluationSummary, summarizeEvaluation } from './evaluation-summary';
import type { Locale } from '../common/locale';
import { buildEvaluationWorkbook, type EvaluationJson } from './evaluation-workbook';
import { InjectRuleSet } from './rule-set.provider';
import { StatisticsService } from './statistics.service';

/** The §10 evaluation of a county's current statistics, as JSON (the CLI's `evaluate --json`) or XLSX. */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectRepository(Evaluation) private readonly evaluations: Repository<Evaluation>,
    @InjectRuleSet() private readonly ruleSet: RuleSet,
    private readonly statistics: StatisticsService,
  ) {}

  /**
   * The stored evaluation of the current import; until the recompute has stored it (just imported, or a new
   * rule set), computed from the stored statistics — the same pure engine, so the answer is the same.
   * @throws DomainError NOT_FOUND when the county has no statistics for the year
   */
  async forCounty(countyCode: string, schoolYear: number): Promise<EvaluationJson> {
    const imp = await this.statistics.currentOrFail(countyCode, schoolYear);
    const stored = await this.evaluations.findOneBy({ importId: imp.id, ruleSet: this.ruleSet.version });
    const evaluation = stored?.result ?? evaluateCounty(await this.statistics.countyData(imp), this.ruleSet);
    return { ...evaluation, dataset_checksum: imp.checksum };
  }

  /**
   * The verdicts of each county's evaluation for its latest school year with statistics (the dashboard's
   * milestones), in one statement whatever the number of counties; counties without a current import for that
   * year are absent. An import not yet evaluated under this rule set is evaluated here, as in forCounty.
   */
  async latestSummaries(countyCodes: readonly string[]): Promise<Map<string, EvaluationSummary>> {
    const out = new Map<string, EvaluationSummary>();
    if (countyCodes.length === 0) return out;
    const rows: Array<{ countyCode: string; year: number; summary: EvaluationSummary | null }> =
      await this.evaluations.manager.query(
        `WITH latest AS (
           SELECT county_code, max(school_year) AS year FROM statistics_imports
            WHERE county_code = ANY($1::text[]) GROUP BY county_code)
         SELECT l.county_code AS "countyCode", l.year, e.summary
           FROM latest l
           JOIN statistics_imports i ON i.county_code = l.county_code AND i.school_year = l.year AND i.status = 'current'
           LEFT JOIN evaluations e ON e.import_id = i.id AND e.rule_set = $2`,
        [[...new Set(countyCodes)], this.ruleSet.version],
      );
    for (const row of rows) {
      out.set(
        row.countyCode,
        row.summary ?? summarizeEvaluation(await this.forCounty(row.countyCode, Number(row.year))),
      );
    }
    return out;
  }

  async workbook(countyCode: string, schoolYear: number, locale: Locale = 'zh-CN'): Promise<Buffer> {
    const evaluation = await this.forCounty(countyCode, schoolYear);
    const data = await buildEvaluationWorkbook(evaluation, locale).xlsx.writeBuffer();
    return Buffer.from(data);
  }
}
