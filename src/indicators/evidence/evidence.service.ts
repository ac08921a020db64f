import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type Repository } from 'typeorm';
import type { Offender, Verdict } from '../engine';
import { allPass } from '../engine/verdict';
import { EvidenceRecord, type EvidenceValues } from './evidence-record.entity';
import { IndicatorPlanLinks } from './plan-links';

/** A record as the API and other modules see it. */
export interface EvidenceView {
  id: string;
  planItemId: string;
  indicator: string;
  ruleSet: string;
  countyCode: string;
  schoolYear: number;
  importId: string;
  datasetChecksum: string;
  values: EvidenceValues;
  passed: Verdict;
  offenders: Offender[];
  computedAt: Date;
}

export type NewEvidence = Omit<EvidenceView, 'id'>;

export interface CountyCompliance {
  countyCode: string;
  /** The latest evidence's verdict; null when undecided or when the county has no evidence yet. */
  passed: Verdict;
  evidence: EvidenceView | null;
}

export interface ItemCompliance {
  itemId: string;
  indicator: string;
  /** Every county that decides the item passes → true; any fails → false; otherwise null. */
  passed: Verdict;
  counties: CountyCompliance[];
}

const view = (r: EvidenceRecord): EvidenceView => ({
  id: r.id,
  planItemId: r.planItemId,
  indicator: r.indicator,
  ruleSet: r.ruleSet,
  countyCode: r.countyCode,
  schoolYear: r.schoolYear,
  importId: r.importId,
  datasetChecksum: r.datasetChecksum,
  values: r.values,
  passed: r.passed,
  offenders: r.offenders,
  computedAt: r.computedAt,
});

const pairKey = (itemId: string, countyCode: string) => `${itemId}|${countyCode}`;

/**
 * Evidence records of indicator-linked plan items: written in bulk by the recompute, read by the API and by
 * the assignments module (which decides completion from `complianceFor`). There is no update method: the
 * records are immutable (the database rejects UPDATE and DELETE too).
 */
/**
 * An item's compliance in one county changed: its latest evidence says `passed` where the latest before said
 * `previous` (null also when there was no evidence before).
 */
export interface ComplianceChanged {
  itemId: string;
  countyCode: string;
  indicator: string;
  passed: Verdict;
  previous: Verdict;
  schoolYear: number;
  evidenceId: string;
}

@Injectable()
export class EvidenceService {
  constructor(
    @InjectRepository(EvidenceRecord) private readonly records: Repository<EvidenceRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: IndicatorPlanLinks,
  ) {}

  /** Every record of the item, newest school year first, then newest computation. */
  async history(itemId: string): Promise<EvidenceView[]> {
    const rows = await this.records.find({
      where: { planItemId: itemId },
      order: { schoolYear: 'DESC', computedAt: 'DESC', id: 'DESC' },
    });
    return rows.map(view);
  }

  /** The item's latest record in each county (one for a county's item, several for a city's). */
  async latestFor(itemId: string): Promise<EvidenceView[]> {
    return (await this.latest([itemId])).map(view);
  }

  /**
   * Compliance of each indicator-linked item from its latest evidence per county, over the counties that
   * decide it (the plan's county, every county under a city/province plan, a CERT item's lead county).
   * Items without an indicator, or unknown, are absent from the map.
   */
  async complianceFor(itemIds: readonly string[]): Promise<Map<string, ItemCompliance>> {
    const ids = [...new Set(itemIds)];
    if (ids.length === 0) return new Map();
    const [expected, latest] = await Promise.all([this.links.expectedCounties(ids), this.latest(ids)]);
    const latestByPair = new Map(latest.map((r) => [pairKey(r.planItemId, r.countyCode), r]));
    const out = new Map<string, ItemCompliance>();
    for (const [itemId, { indicator, counties }] of expected) {
      const codes = new Set(counties);
      for (const r of latest) if (r.planItemId === itemId) codes.add(r.countyCode);
      const perCounty = [...codes].sort().map((countyCode): CountyCompliance => {
        const record = latestByPair.get(pairKey(itemId, countyCode));
        return { countyCode, passed: record?.passed ?? null, evidence: record ? view(record) : null };
      });
      out.set(itemId, {
        itemId,
        indicator,
        passed: perCounty.length === 0 ? null : allPass(perCounty.map((c) => c.passed)),
        counties: perCounty,
      });
    }
    return out;
  }

  /**
   * Stores records in one INSERT; a record for the same item, county, import and rule set already there is
   * kept as it is (the nightly run adds nothing new for unchanged data). Returns how many were added and the
   * compliance changes they cause — for the caller to emit once its transaction has committed.
   */
  async record(
    rows: readonly NewEvidence[],
    manager: EntityManager,
  ): Promise<{ inserted: number; changes: ComplianceChanged[] }> {
    if (rows.length === 0) return { inserted: 0, changes: [] };
    const before = new Map(
      (await this.latest([...new Set(rows.map((r) => r.planItemId))], manager)).map((r) => [
        pairKey(r.planItemId, r.countyCode),
        r,
      ]),
    );
    const payload = rows.map((r) => ({
      plan_item_id: r.planItemId,
      indicator: r.indicator,
      rule_set: r.ruleSet,
      county_code: r.countyCode,
      school_year: r.schoolYear,
      import_id: r.importId,
      dataset_checksum: r.datasetChecksum,
      values: r.values,
      passed: r.passed,
      offenders: r.offenders,
      computed_at: r.computedAt.toISOString(),
    }));
    // One statement for any number of records: the rows travel as one JSON parameter.
    const inserted: Array<{ id: string; plan_item_id: string; county_code: string }> = await manager.query(
      `INSERT INTO evidence_records
         (plan_item_id, indicator, rule_set, county_code, school_year, import_id, dataset_checksum, "values", passed, offenders, computed_at)
       SELECT x.plan_item_id, x.indicator, x.rule_set, x.county_code, x.school_year, x.import_id, x.dataset_checksum,
              x."values", x.passed, x.offenders, x.computed_at
         FROM jsonb_to_recordset($1::jsonb) AS x(plan_item_id uuid, indicator varchar, rule_set varchar, county_code char(6),
              school_year smallint, import_id uuid, dataset_checksum char(64), "values" jsonb, passed boolean,
              offenders jsonb, computed_at timestamptz)
       ON CONFLICT (plan_item_id, county_code, import_id, rule_set) DO NOTHING
       RETURNING id, plan_item_id, county_code`,
      [JSON.stringify(payload)],
    );
    const rowByPair = new Map(rows.map((r) => [pairKey(r.planItemId, r.countyCode), r]));
    const changes: ComplianceChanged[] = [];
    for (const added of inserted) {
      const key = pairKey(added.plan_item_id, added.county_code);
      const row = rowByPair.get(key);
      if (!row) continue;
      const previous = before.get(key);
      // A record for an older school year (a late correction) does not become the item's latest.
      const becomesLatest =
        !previous ||
        row.schoolYear > previous.schoolYear ||
        (row.schoolYear === previous.schoolYear && row.computedAt >= previous.computedAt);
      const previousVerdict = previous?.passed ?? null;
      if (!becomesLatest || previousVerdict === row.passed) continue;
      changes.push({
        itemId: row.planItemId,
        countyCode: row.countyCode,
        indicator: row.indicator,
        passed: row.passed,
        previous: previousVerdict,
        schoolYear: row.schoolYear,
        evidenceId: added.id,
      });
    }
    return { inserted: inserted.length, changes };
  }

  /** The latest record per item and county. */
  private latest(itemIds: readonly string[], manager?: EntityManager): Promise<EvidenceRecord[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager)
      .getRepository(EvidenceRecord)
      .createQueryBuilder('e')
      .distinctOn(['e.planItemId', 'e.countyCode'])
      .where('e.planItemId = ANY(:ids)', { ids: [...itemIds] })
      .orderBy('e.planItemId')
      .addOrderBy('e.countyCode')
      .addOrderBy('e.schoolYear', 'DESC')
      .addOrderBy('e.computedAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
  }
}
