/**
 * 达标测算 for the web: the plan (and its phasing) from a county's current statistics, and its publication as items
 * of a plan (纳入方案). Scope: the county must be in the user's regions; publishing also needs write access to the
 * plan (ItemEditingService checks it and audits every item and assignment it creates, in one transaction).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../access/authenticated-user';
import { RegionTree } from '../../access/organisation';
import { PlanScope } from '../../access/plan-scope';
import { Role } from '../../access/role.enum';
import { Clock } from '../../common/clock';
import { DomainError, ErrorCode } from '../../common/domain-error';
import { msg } from '../../common/i18n/catalog';
import { ItemEditingService } from '../../plans/item-editing.service';
import { Plan } from '../../plans/plan.entity';
import type { CountyData } from '../engine/county-data';
import { evaluateCounty } from '../engine/evaluate-county';
import type { RuleSet } from '../engine/rule-set';
import { InjectRuleSet } from '../rule-set.provider';
import { StatisticsService } from '../statistics.service';
import { listOfReasons, planCertification, type CertificationPlan } from './certification-planner';
import type { CostTable } from './cost-table';
import { loadCostTable } from './cost-table.loader';
import { phasePlan, type PhasedPlan } from './phasing';
import {
  chooseDepartments,
  DEPARTMENT_ROLE_ZH,
  publicationItems,
  type PlanDepartment,
} from './plan-publication';
import { buildPlanWorkbook } from './plan-workbook';
import { loadSolver } from './solver';
import { evaluateScenario, ScenarioError, type Scenario, type ScenarioResult } from './what-if';

type User = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

export interface PlanRequest {
  county: string;
  year: number;
  transfers: boolean;
}

export interface PublishRequest extends PlanRequest {
  planId: string;
  /** The certification year; default: the plan's CERT milestone for the county. */
  milestoneYear?: number;
  /** Yuan per year; default: no cap. */
  budgetYuan?: number;
}

export interface PublishResult {
  itemIds: string[];
  milestone: { year: number; due: string };
  phasing: PhasedPlan;
  /** Roles (教育局, 财政局…) the plan's department list lacks: their items have no such lead. */
  missingDepartments: string[];
}

@Injectable()
export class CertificationPlanService {
  private costs: Promise<CostTable> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly scope: PlanScope,
    private readonly regions: RegionTree,
    private readonly items: ItemEditingService,
    @InjectRuleSet() private readonly ruleSet: RuleSet,
    private readonly clock: Clock,
  ) {}

  private costTable(): Promise<CostTable> {
    this.costs ??= loadCostTable();
    return this.costs;
  }

  /** The county's current statistics of the year; a county outside the user's area is refused (403). */
  async countyData(user: User, county: string, year: number): Promise<CountyData> {
    await this.scope.assertInArea(user, county, `县 ${county} `);
    return this.statistics.countyData(await this.statistics.currentOrFail(county, year));
  }

  async plan(user: User, request: PlanRequest): Promise<{ data: CountyData; plan: CertificationPlan }> {
    const data = await this.countyData(user, request.county, request.year);
    const plan = planCertification(data, this.ruleSet, await this.costTable(), await loadSolver(), {
      transfers: request.transfers,
    });
    return { data, plan };
  }

  /** 测算推演: the county's current data with the scenario's edits (400 naming a bad edit). */
  async whatIf(user: User, county: string, year: number, scenario: Scenario): Promise<ScenarioResult> {
    const data = await this.countyData(user, county, year);
    try {
      // Half the planner's usual budget: the page asks again after every edit, and the gap is shown anyway.
      return evaluateScenario(data, this.ruleSet, await this.costTable(), await loadSolver(), scenario, {
        budgetSeconds: 0.5,
      });
    } catch (error) {
      if (error instanceof ScenarioError)
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          msg('indicators.scenario.invalid', { reason: error.text }),
        );
      throw error;
    }
  }

  /** The plan of the county's current data as a workbook (达标测算表). */
  async workbook(user: User, request: PlanRequest): Promise<{ data: Buffer; countyName: string }> {
    const { data, plan } = await this.plan(user, request);
    const countyName = data.county_name ?? request.county;
    return { data: await buildPlanWorkbook(plan, countyName, await this.costTable()), countyName };
  }

  /** The plan of a scenario's data (the hand edits applied) as a workbook. */
  async scenarioWorkbook(
    user: User,
    county: string,
    year: number,
    scenario: Scenario,
  ): Promise<{ data: Buffer; countyName: string }> {
    const result = await this.whatIf(user, county, year, scenario);
    const countyName = (await this.countyData(user, county, year)).county_name ?? county;
    return { data: await buildPlanWorkbook(result.plan, countyName, await this.costTable()), countyName };
  }

  /**
   * The plans the user may publish the county's plan into, newest first: plans issued for the county or a
   * division above it (a city's plan covers its counties) that the user manages (admin; office on plans issued
   * in its area — the rule ItemEditingService applies on publishing); null for the roles that do not publish.
   */
  async targetPlans(user: User, county: string): Promise<Array<{ id: string; title: string }> | null> {
    if (user.role !== Role.Admin && user.role !== Role.Office) return null;
    const area = await this.scope.area(user);
    const covering = await this.regions.ancestorsAndSelf(county);
    const regions = area === null ? covering : covering.filter((code) => area.includes(code));
    const plans = await this.dataSource
      .getRepository(Plan)
      .find({ where: { regionCode: In(regions) }, order: { issuedOn: 'DESC', key: 'ASC' } });
    return plans.map((p) => ({ id: p.id, title: p.title }));
  }

  async publish(user: User, request: PublishRequest): Promise<PublishResult> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id: request.planId });
    if (!plan || !(await this.scope.inArea(user, plan.regionCode))) {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('indicators.plan.not_found', { id: request.planId }));
    }
    const { data, plan: certification } = await this.plan(user, request);
    // The items go to the county's and the plan's own bureaus: a plan issued for another county (or a city
    // the county is not in) would give them to departments with no say over it.
    if (!(await this.regions.ancestorsAndSelf(request.county)).includes(plan.regionCode)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.plan.not_covering', { title: plan.title, county: request.county }),
        { planId: plan.id, county: request.county },
      );
    }
    if (!certification.feasible) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.plan.not_feasible', { reasons: listOfReasons(certification.reasons) }),
        { reasons: certification.reasons },
      );
    }
    const milestone = await this.milestone(request);
    // Spending starts the year after the statistics, and never in the past: a year whose 31 August has gone by
    // cannot be the deadline of anything published today.
    const today = this.clock.today();
    const thisYear = Number(today.slice(0, 4));
    const fromYear = Math.max(data.school_year + 1, today <= `${thisYear}-08-31` ? thisYear : thisYear + 1);
    if (milestone.year < fromYear) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.plan.milestone_too_early', { year: milestone.year, fromYear }),
      );
    }
    const phased = phasePlan(certification, evaluateCounty(data, this.ruleSet), await this.costTable(), {
      fromYear,
      milestoneYear: milestone.year,
      milestoneDue: milestone.due,
      yearlyBudgetYuan: request.budgetYuan ?? null,
    });
    const departments = chooseDepartments(await this.planDepartments(plan.id), request.county);
    const publication = publicationItems({
      plan: certification,
      phased,
      countyName: data.county_name ?? request.county,
      milestone,
      departments,
    });
    const { ids } = await this.items.createMany(
      user,
      plan.id,
      publication.items.map((i) => ({
        ref: i.ref,
        parentRef: i.parentRef,
        kind: i.kind,
        number: i.number,
        title: i.title,
        body: i.body,
        dueOn: i.dueOn,
        indicator: i.indicator,
        assignments: i.assignments,
      })),
      'certification-plan',
    );
    return {
      itemIds: ids,
      milestone,
      phasing: phased,
      missingDepartments: publication.missingDepartments.map((r) => DEPARTMENT_ROLE_ZH[r]),
    };
  }

  /** The request's year, else the plan's CERT milestone led by a department of the county (400 without one). */
  private async milestone(request: PublishRequest): Promise<{ year: number; due: string }> {
    if (request.milestoneYear !== undefined)
      return { year: request.milestoneYear, due: `${request.milestoneYear}-12-31` };
    const [row]: Array<{ due_on: string }> = await this.dataSource.query(
      `SELECT to_char(COALESCE(pi.extended_due_on, pi.due_on), 'YYYY-MM-DD') AS due_on
         FROM plan_items pi
        WHERE pi.plan_id = $1 AND pi.indicator = 'CERT' AND pi.cancelled_at IS NULL AND pi.due_on IS NOT NULL
          AND EXISTS (SELECT 1 FROM assignments a JOIN departments d ON d.id = a.department_id
                       WHERE a.item_id = pi.id AND a.role = 'lead' AND a.removed_at IS NULL AND d.region_code = $2)
        ORDER BY pi.position LIMIT 1`,
      [request.planId, request.county],
    );
    if (!row) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('indicators.plan.no_milestone', { county: request.county }),
      );
    }
    return { year: Number(row.due_on.slice(0, 4)), due: row.due_on };
  }

  /** The plan's own department list: every department assigned to one of its items. */
  private planDepartments(planId: string): Promise<PlanDepartment[]> {
    return this.dataSource.query(
      `SELECT DISTINCT d.id, d.name, d.region_code AS "regionCode"
         FROM departments d JOIN assignments a ON a.department_id = d.id AND a.removed_at IS NULL
         JOIN plan_items pi ON pi.id = a.item_id
        WHERE pi.plan_id = $1
        ORDER BY d.name`,
      [planId],
    );
  }
}
