import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../access/authenticated-user';
import type { EvaluationSummary } from '../indicators/evaluation-summary';
import { EvaluationsService } from '../indicators/evaluations.service';
import { LedgersService, type LedgerSummary } from '../indicators/ledgers.service';
import { RULE_SET } from '../indicators/rule-set.provider';
import type { RuleSet } from '../indicators/engine';
import { type ItemSummary, PlanItemsService } from '../plans/plan-items.service';
import { itemInAreaSql, PlanScope } from '../access/plan-scope';
import { PlansService, type PlanSummary } from '../plans/plans.service';

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
  /** The verdicts of the county's evaluation for its latest school year with statistics; null when it has none. */
  evaluation: EvaluationSummary | null;
}

export interface Dashboard {
  plans: PlanSummary[];
  departments: DepartmentCompletion[];
  redList: ItemSummary[];
  /** 责任领导 of each red-list item (leadership group members in charge of its lead departments, else 组长). */
  responsibleLeaders: Map<string, string[]>;
  milestones: Milestone[];
  /** null: the indicators module is not part of this application */
  ledger: LedgerSummary;
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
    private readonly evaluations: EvaluationsService,
    private readonly ledgers: LedgersService,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
  ) {}

  async build(user: AuthenticatedUser): Promise<Dashboard> {
    const [plans, departments, red, milestones, ledger] = await Promise.all([
      this.plans.list(user),
      this.byDepartment(user),
      this.items.overdue(user, { limit: 30 }),
      this.milestones(user),
      this.ledger(user),
    ]);
    const responsibleLeaders = await this.responsibleLeaders(red.items.map((i) => i.id));
    return { plans, departments, redList: red.items, responsibleLeaders, milestones, ledger };
  }

  /**
   * 责任领导 per item: the leadership group members (name and post) whose department leads the item; when none,
   * the group's 组长. Names as the plan lists them, not accounts.
   */
  private async responsibleLeaders(itemIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!itemIds.length) return out;
    const rows = await this.dataSource.query<Array<{ itemId: string; name: string; post: string }>>(
      `WITH leads AS (
         SELECT i.id AS item_id, g.id AS group_id, a.department_id
           FROM plan_items i JOIN leadership_groups g ON g.plan_id = i.plan_id
           JOIN assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.removed_at IS NULL
          WHERE i.id = ANY($1::uuid[])),
       by_department AS (
         SELECT DISTINCT l.item_id, m.name, m.post, m.position FROM leads l
           JOIN leadership_group_members m ON m.group_id = l.group_id AND m.department_id = l.department_id
          WHERE m.group_role <> 'office_director')
       SELECT item_id AS "itemId", name, post FROM by_department
       UNION ALL
       SELECT i.id, m.name, m.post FROM plan_items i JOIN leadership_groups g ON g.plan_id = i.plan_id
         JOIN leadership_group_members m ON m.group_id = g.id AND m.group_role = 'leader'
        WHERE i.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM by_department b WHERE b.item_id = i.id)`,
      [itemIds],
    );
    for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), `${r.name}（${r.post}）`]);
    return out;
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

  /**
   * Certification milestones (indicator CERT) by county and year, with the verdicts of each county's current
   * evaluation — fetched for every county at once (a province office sees 120 of them).
   */
  async milestones(user: AuthenticatedUser): Promise<Milestone[]> {
    const page = await this.items.list(user, { kind: ['milestone'], limit: 200, sort: 'due' });
    const area = await this.scope.area(user);
    const cert = page.items.filter((i) => i.indicator === 'CERT');
    const countyOf = (item: ItemSummary) => item.assignments.find((a) => a.role === 'lead');
    // The county's figures only when the county is in the user's area, as on its own page.
    const codes = cert
      .map((i) => countyOf(i)?.regionCode)
      .filter((c): c is string => !!c && (area === null || area.includes(c)));
    const summaries = await this.evaluations.latestSummaries(codes);
    return cert.map((item) => {
      const lead = countyOf(item);
      const countyCode = lead?.regionCode ?? null;
      return {
        item,
        countyCode,
        countyName: lead?.departmentName.replace(/人民政府$/, '') ?? '—',
        year: item.dueOn ? Number(item.dueOn.slice(0, 4)) : null,
        evaluation: (countyCode && summaries.get(countyCode)) || null,
      };
    });
  }

  async ledger(user: AuthenticatedUser): Promise<LedgerSummary> {
    return this.ledgers.summary(undefined, this.ruleSet.version, await this.scope.area(user));
  }
}
