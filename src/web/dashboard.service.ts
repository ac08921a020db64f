import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { DomainError } from '../common/domain-error';
import type { EvaluationJson } from '../indicators/evaluation-workbook';
import { EvaluationsService } from '../indicators/evaluations.service';
import { LedgersService, type LedgerSummary } from '../indicators/ledgers.service';
import { RULE_SET } from '../indicators/rule-set.provider';
import type { RuleSet } from '../indicators/engine';
import { StatisticsService } from '../indicators/statistics.service';
import { type ItemSummary, PlanItemsService } from '../plans/plan-items.service';
import { itemInAreaSql, PlanScope } from '../access/plan-scope';
import { PlansService, type PlanSummary } from '../plans/plans.service';
import { optionalService } from './optional-service';

export interface DepartmentCompletion {
  id: string;
  name: string;
  total: number;
  completed: number;
  overdue: number;
}

export interface Milestone {
  item: ItemSummary;
  countyCode: string | null;
  countyName: string;
  year: number | null;
  /** The county's evaluation for its latest school year with statistics; null when it has none. */
  evaluation: EvaluationJson | null;
}

export interface Dashboard {
  plans: PlanSummary[];
  departments: DepartmentCompletion[];
  redList: ItemSummary[];
  milestones: Milestone[];
  /** null: the indicators module is not part of this application */
  ledger: LedgerSummary | null;
}

/**
 * Read-only figures for the leadership dashboard and the meeting pack, within the user's plan scope
 * (PlanScope): per plan and per lead department, the red list, the certification milestones with their
 * counties' current evaluation, the ledgers over time.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly plans: PlansService,
    private readonly items: PlanItemsService,
    private readonly scope: PlanScope,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  async build(user: AuthenticatedUser): Promise<Dashboard> {
    const [plans, departments, red, milestones, ledger] = await Promise.all([
      this.plans.list(user),
      this.byDepartment(user),
      this.items.overdue(user, { limit: 30 }),
      this.milestones(user),
      this.ledger(user),
    ]);
    return { plans, departments, redList: red.items, milestones, ledger };
  }

  /** Items led by each department (cancelled left out), the busiest and latest first. */
  async byDepartment(user: AuthenticatedUser, limit = 15): Promise<DepartmentCompletion[]> {
    const area = await this.scope.area(user);
    if (area !== null && area.length === 0) return [];
    const rows: Array<{ id: string; name: string; total: string; completed: string; overdue: string }> =
      await this.dataSource.query(
        `SELECT d.id, d.name, count(*) AS total,
                count(*) FILTER (WHERE i.status = 'completed') AS completed,
                count(*) FILTER (WHERE i.status = 'overdue') AS overdue
           FROM assignments a
           JOIN departments d ON d.id = a.department_id
           JOIN plan_items i ON i.id = a.item_id
           JOIN plans p ON p.id = i.plan_id
          WHERE a.removed_at IS NULL AND a.role = 'lead' AND i.status <> 'cancelled'
            AND ($1::text[] IS NULL OR ${itemInAreaSql('i', 'p', '$1')})
          GROUP BY d.id, d.name
          ORDER BY count(*) FILTER (WHERE i.status = 'overdue') DESC, count(*) DESC, d.name
          LIMIT $2`,
        [area, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      total: Number(r.total),
      completed: Number(r.completed),
      overdue: Number(r.overdue),
    }));
  }

  /** Certification milestones (indicator CERT) by county and year, with each county's current evaluation. */
  async milestones(user: AuthenticatedUser): Promise<Milestone[]> {
    const page = await this.items.list(user, { kind: ['milestone'], limit: 200, sort: 'due' });
    const area = await this.scope.area(user);
    const cert = page.items.filter((i) => i.indicator === 'CERT');
    const statistics = optionalService(this.moduleRef, StatisticsService);
    const evaluations = optionalService(this.moduleRef, EvaluationsService);
    return Promise.all(
      cert.map(async (item) => {
        const lead = item.assignments.find((a) => a.role === 'lead');
        const countyCode = lead?.regionCode ?? null;
        let evaluation: EvaluationJson | null = null;
        // The county's figures only when the county is in the user's area, as on its own page.
        if (countyCode && statistics && evaluations && (area === null || area.includes(countyCode))) {
          const year = await statistics.latestYear(countyCode);
          if (year !== null) evaluation = await evaluations.forCounty(countyCode, year).catch(notFound);
        }
        return {
          item,
          countyCode,
          countyName: lead?.departmentName.replace(/人民政府$/, '') ?? '—',
          year: item.dueOn ? Number(item.dueOn.slice(0, 4)) : null,
          evaluation,
        };
      }),
    );
  }

  async ledger(user: AuthenticatedUser): Promise<LedgerSummary | null> {
    const ledgers = optionalService(this.moduleRef, LedgersService);
    const ruleSet = optionalService<RuleSet>(this.moduleRef, RULE_SET);
    if (!ledgers || !ruleSet) return null;
    return ledgers.summary(undefined, ruleSet.version, await this.scope.area(user));
  }
}

function notFound(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}
