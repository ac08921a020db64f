import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AssignmentStatus } from './assignment-status.policy';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { GroupRole, SourceScript } from './plan-file.schema';
import { LeadershipGroup } from './leadership-group.entity';
import { Plan } from './plan.entity';
import { PlanScope, planInAreaSql, type ScopedUser } from '../access/plan-scope';
import { msg } from '../common/i18n/catalog';

export interface PlanSummary {
  id: string;
  key: string;
  title: string;
  docNumber: string | null;
  issuer: string;
  issuedOn: string;
  region: { code: string; name: string };
  implements: string[];
  version: number;
  importedAt: Date;
  itemCount: number;
  /** item count per status (cancelled included) */
  statusCounts: Partial<Record<AssignmentStatus, number>>;
}

export interface LeadershipGroupView {
  id: string;
  name: string;
  office: { id: string; name: string } | null;
  members: Array<{
    position: number;
    name: string;
    groupRole: GroupRole;
    post: string;
    department: { id: string; name: string } | null;
  }>;
}

export interface PlanDetail extends PlanSummary {
  sourceFile: string;
  sourceScript: SourceScript;
  sourceText: string | null;
  leadershipGroup: LeadershipGroupView | null;
}

@Injectable()
export class PlansService {
  constructor(
    @InjectRepository(Plan) private readonly plans: Repository<Plan>,
    @InjectRepository(LeadershipGroup) private readonly groups: Repository<LeadershipGroup>,
    private readonly scope: PlanScope,
  ) {}

  /** The plans the user may see, newest first. */
  async list(user: ScopedUser): Promise<PlanSummary[]> {
    const area = await this.scope.area(user);
    if (area !== null && area.length === 0) return [];
    const qb = this.plans
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.region', 'r')
      .orderBy('p.issued_on', 'DESC')
      .addOrderBy('p.key');
    if (area !== null) qb.where(planInAreaSql('p', ':area'), { area });
    const plans = await qb.getMany();
    const counts = await this.statusCounts(plans.map((p) => p.id));
    return plans.map((p) => this.summary(p, counts.get(p.id) ?? {}));
  }

  /** A plan with its source text and leadership group; 404 when it does not exist or is not visible. */
  async detail(user: ScopedUser, id: string): Promise<PlanDetail> {
    const area = await this.scope.area(user);
    const qb = this.plans
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.region', 'r')
      .where('p.id = :id', { id });
    if (area !== null) qb.andWhere(planInAreaSql('p', ':area'), { area });
    const plan = await qb.getOne();
    if (!plan) {
      throw new DomainError(ErrorCode.NOT_FOUND, msg('plans.plan_not_found', { id }));
    }
    const group = await this.groups.findOne({
      where: { planId: id },
      relations: { officeDepartment: true, members: { department: true } },
      order: { members: { position: 'ASC' } },
    });
    const counts = await this.statusCounts([id]);
    return {
      ...this.summary(plan, counts.get(id) ?? {}),
      sourceFile: plan.sourceFile,
      sourceScript: plan.sourceScript,
      sourceText: plan.sourceText,
      leadershipGroup: group
        ? {
            id: group.id,
            name: group.name,
            office: group.officeDepartment
              ? { id: group.officeDepartment.id, name: group.officeDepartment.name }
              : null,
            members: (group.members ?? []).map((m) => ({
              position: m.position,
              name: m.name,
              groupRole: m.groupRole,
              post: m.post,
              department: m.department ? { id: m.department.id, name: m.department.name } : null,
            })),
          }
        : null,
    };
  }

  private async statusCounts(
    planIds: string[],
  ): Promise<Map<string, Partial<Record<AssignmentStatus, number>>>> {
    const counts = new Map<string, Partial<Record<AssignmentStatus, number>>>();
    if (planIds.length === 0) return counts;
    const rows = await this.plans.manager.query<
      Array<{ plan_id: string; status: AssignmentStatus; n: number }>
    >(
      `SELECT plan_id, status, count(*)::int AS n FROM plan_items WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id, status`,
      [planIds],
    );
    for (const r of rows) counts.set(r.plan_id, { ...counts.get(r.plan_id), [r.status]: r.n });
    return counts;
  }

  private summary(p: Plan, statusCounts: Partial<Record<AssignmentStatus, number>>): PlanSummary {
    return {
      id: p.id,
      key: p.key,
      title: p.title,
      docNumber: p.docNumber,
      issuer: p.issuer,
      issuedOn: p.issuedOn,
      region: { code: p.regionCode, name: p.region?.name ?? '' },
      implements: p.implements,
      version: p.version,
      importedAt: p.importedAt,
      itemCount: Object.values(statusCounts).reduce((a, b) => a + (b ?? 0), 0),
      statusCounts,
    };
  }
}
