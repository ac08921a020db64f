import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { evaluateCounty, type RuleSet } from './engine';
import { Evaluation } from './evaluation.entity';
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

  async workbook(countyCode: string, schoolYear: number): Promise<Buffer> {
    const evaluation = await this.forCounty(countyCode, schoolYear);
    const data = await buildEvaluationWorkbook(evaluation).xlsx.writeBuffer();
    return Buffer.from(data);
  }
}
