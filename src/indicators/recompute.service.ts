import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { RegionsService } from '../regions/regions.service';
import {
  evaluateCounty,
  indicatorOutcome,
  type IndicatorOutcome,
  type OutcomeId,
  type RuleSet,
} from './engine';
import { GOVERNMENT_INDICATORS, QUALITY_INDICATORS, VETO_ITEMS } from './engine/evaluation.types';
import { RESOURCE_INDICATORS } from './engine/rule-set';
import { Evaluation } from './evaluation.entity';
import { summarizeEvaluation } from './evaluation-summary';
import { EvidenceService, type NewEvidence } from './evidence/evidence.service';
import { IndicatorPlanLinks } from './evidence/plan-links';
import { countByKind, type LedgerChange, LedgersService, ledgerOffenders } from './ledgers.service';
import { InjectRuleSet } from './rule-set.provider';
import { lockCounty, StatisticsService } from './statistics.service';

const OUTCOME_IDS: ReadonlySet<string> = new Set<string>([
  ...RESOURCE_INDICATORS,
  ...GOVERNMENT_INDICATORS,
  ...QUALITY_INDICATORS,
  ...VETO_ITEMS,
  'S',
  'CERT',
]);
const isOutcomeId = (id: string): id is OutcomeId => OUTCOME_IDS.has(id);

export interface RecomputeReport {
  importId: string;
  countyCode: string;
  schoolYear: number;
  ruleSet: string;
  certifiable: boolean;
  evidence: { items: number; inserted: number };
  /** null when the import is not of the county's latest school year (its data proves nothing about today). */
  ledger: LedgerChange | null;
  complianceChanges: number;
}

/**
 * Evaluates one county-year end to end: loads its current import from PostgreSQL, runs the engine, stores the
 * evaluation, writes evidence records for every linked plan item in one INSERT, brings the ledgers up to date
 * — all in one transaction under the county's lock — and then tells subscribers which items' compliance
 * flipped. Used by the queue processor, the CLI (`--now`) and the benchmark.
 */
@Injectable()
export class RecomputeService {
  private readonly logger = new Logger(RecomputeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRuleSet() private readonly ruleSet: RuleSet,
    private readonly statistics: StatisticsService,
    private readonly evidence: EvidenceService,
    private readonly links: IndicatorPlanLinks,
    private readonly ledgers: LedgersService,
    private readonly regions: RegionsService,
    private readonly clock: Clock,
  ) {}

  /** @throws DomainError NOT_FOUND when the county-year has no current import (a permanent failure for a job) */
  async run(countyCode: string, schoolYear: number): Promise<RecomputeReport> {
    // The county's plans and those of the divisions above it; a county missing from the region list still
    // gets evidence for its own plans.
    const regionCodes = [...new Set([countyCode, ...(await this.regions.ancestorsAndSelf(countyCode))])];
    return this.dataSource.transaction(async (em) => {
      await lockCounty(em, countyCode);
      const imp = await this.statistics.currentOrFail(countyCode, schoolYear, em);
      const data = await this.statistics.countyData(imp, em);
      const evaluation = evaluateCounty(data, this.ruleSet);
      const offenders = ledgerOffenders(data, this.ruleSet);
      const computedAt = this.clock.now();

      await em
        .createQueryBuilder()
        .insert()
        .into(Evaluation)
        .values({
          importId: imp.id,
          countyCode,
          schoolYear,
          ruleSet: evaluation.rule_set,
          result: evaluation,
          certifiable: evaluation.certifiable,
          summary: summarizeEvaluation(evaluation),
          ledgerCounts: countByKind(offenders),
          computedAt,
        })
        .orUpdate(
          ['result', 'certifiable', 'summary', 'ledger_counts', 'computed_at'],
          ['import_id', 'rule_set'],
        )
        .execute();

      const items = await this.links.itemsForCounty(countyCode, regionCodes, em);
      const outcomes = new Map<OutcomeId, IndicatorOutcome>();
      const rows: NewEvidence[] = [];
      for (const item of items) {
        if (!isOutcomeId(item.indicator)) {
          this.logger.warn(`plan item ${item.id}: unknown indicator "${item.indicator}", no evidence`);
          continue;
        }
        let outcome = outcomes.get(item.indicator);
        if (!outcome) outcomes.set(item.indicator, (outcome = indicatorOutcome(evaluation, item.indicator)));
        rows.push({
          planItemId: item.id,
          indicator: item.indicator,
          ruleSet: evaluation.rule_set,
          countyCode,
          schoolYear,
          importId: imp.id,
          datasetChecksum: imp.checksum,
          values: { value: outcome.value, detail: outcome.detail },
          passed: outcome.passed,
          offenders: outcome.offenders,
          computedAt,
        });
      }
      const written = await this.evidence.record(rows, em);

      const latestYear = await this.statistics.latestYear(countyCode, em);
      const ledger =
        latestYear === schoolYear ? await this.ledgers.apply(imp, offenders, computedAt, em) : null;
      return {
        importId: imp.id,
        countyCode,
        schoolYear,
        ruleSet: evaluation.rule_set,
        certifiable: evaluation.certifiable,
        evidence: { items: rows.length, inserted: written.inserted },
        ledger,
        complianceChanges: written.changes.length,
      } satisfies RecomputeReport;
    });
  }

  /**
   * `run`, again if a newer import became current meanwhile: an import committed while this county's job was
   * running could not queue a second job under the same id, so the running one catches up.
   */
  async runUntilCurrent(countyCode: string, schoolYear: number, maxRounds = 3): Promise<RecomputeReport> {
    let report = await this.run(countyCode, schoolYear);
    for (let round = 1; round < maxRounds; round++) {
      const current = await this.statistics.current(countyCode, schoolYear);
      if (!current || current.id === report.importId) break;
      report = await this.run(countyCode, schoolYear);
    }
    return report;
  }
}
