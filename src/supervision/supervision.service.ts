import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, change, userActor } from '../audit/audit.service';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { ItemCompliance } from '../indicators/evidence/evidence.service';
import { PlanEvents } from '../plans/plan-events';
import { PlanItem } from '../plans/plan-item.entity';
import { type ItemDetail, PlanItemsService } from '../plans/plan-items.service';
import { PlanScope, type ScopedUser } from '../access/plan-scope';
import { Assignment, type AssignmentRole } from '../plans/assignment.entity';
import { type ClosureBlocker, ClosureService } from './closure.service';
import { type ExtensionView, ExtensionsService } from './extensions.service';
import { inPlanTransaction } from '../plans/plan-transaction';
import { ReportsService, type ReportView } from './reports.service';
import { NoticesService, type SupervisionTimeline } from './notices.service';
import { msg, translate } from '../common/i18n/catalog';
import type { Locale } from '../common/locale';

type Actor = Pick<AuthenticatedUser, 'id' | 'name' | 'role' | 'departmentId'>;

/** Where one assigned department stands: 签收 and its latest report. */
export interface DepartmentFlowView {
  assignmentId: string;
  departmentId: string;
  departmentName: string;
  role: AssignmentRole;
  acknowledged: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: string | null; name: string | null } | null;
  latestReport: Pick<ReportView, 'id' | 'state' | 'percent' | 'period' | 'submittedAt'> | null;
}

export interface ItemFlowDetail extends ItemDetail {
  /** The date the plan set (kept after extensions). */
  originalDueOn: string | null;
  /** The due date after an approved extension, else the original. */
  effectiveDueOn: string | null;
  /** Past the original date without being closed by then (stays true after an extension). */
  overdueAgainstOriginal: boolean;
  closedAt: Date | null;
  closedByUserId: string | null;
  departments: DepartmentFlowView[];
  /** Assigned departments that have not acknowledged (签收) yet. */
  unacknowledged: Array<{ departmentId: string; departmentName: string; role: AssignmentRole }>;
  reports: ReportView[];
  extensions: ExtensionView[];
  /** Latest indicator evidence (indicator-linked items only). */
  indicatorEvidence: ItemCompliance | null;
  closure: { ready: boolean; blockers: ClosureBlocker[] };
  /** Numbered 督办件 with their 反馈, and the office's 催办. */
  supervision: SupervisionTimeline;
}

/** The item detail as the API sends it: each closure blocker's message in the reader's language, key beside it. */
export type ItemFlowDetailText = Omit<ItemFlowDetail, 'closure'> & {
  closure: {
    ready: boolean;
    blockers: Array<Omit<ClosureBlocker, 'message'> & { message: string; messageKey: string }>;
  };
};

export function itemFlowDetailIn(locale: Locale, detail: ItemFlowDetail): ItemFlowDetailText {
  return {
    ...detail,
    closure: {
      ready: detail.closure.ready,
      blockers: detail.closure.blockers.map((b) => ({
        ...b,
        message: translate(locale, b.message),
        messageKey: b.message.key,
      })),
    },
  };
}

/** 签收, 办结 and the item detail of the 督办 flow. */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: PlanItemsService,
    private readonly scope: PlanScope,
    private readonly reports: ReportsService,
    private readonly extensions: ExtensionsService,
    private readonly closure: ClosureService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly clock: Clock,
  ) {}

  /** 签收 by the user's department. */
  async acknowledge(user: Actor, itemId: string, source: string): Promise<DepartmentFlowView> {
    await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
      const { item, assignment } = await this.reports.actingAssignment(user, itemId, em);
      if (item.cancelledAt) throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.item_cancelled'));
      if (assignment.acknowledgedAt) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.already_acknowledged'), {
          acknowledgedAt: assignment.acknowledgedAt,
        });
      }
      const now = this.clock.now();
      const updated = await em
        .getRepository(Assignment)
        .createQueryBuilder()
        .update()
        .set({ acknowledgedAt: now, acknowledgedByUserId: user.id })
        .where('id = :id AND acknowledged_at IS NULL', { id: assignment.id })
        .execute();
      if (!updated.affected) {
        throw new DomainError(ErrorCode.INVALID_STATE, msg('supervision.already_acknowledged'));
      }
      await this.audit.record(
        [
          {
            actor: userActor(user),
            source,
            entityType: 'assignment',
            entityId: assignment.id,
            itemId,
            action: 'acknowledged',
            changes: [change('acknowledgedAt', null, now), change('acknowledgedBy', null, user.name)],
          },
        ],
        em,
      );
      emit({ type: 'assignment.acknowledged', itemId, departmentId: assignment.departmentId });
    });
    const flows = await this.departmentFlows(itemId);
    return flows.find((f) => f.departmentId === user.departmentId)!;
  }

  /** 办结 by office, leader or admin; 409 with the blockers when the item is not ready. */
  async close(user: Actor, itemId: string, source: string): Promise<void> {
    await inPlanTransaction(this.dataSource, this.events, async (em, emit) => {
      const visible = await this.items.getVisible(user, itemId, em);
      await this.scope.assertCanReviewItem(user, visible, em);
      const item = await em
        .getRepository(PlanItem)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.id = :itemId', { itemId })
        .getOneOrFail();
      const blockers = await this.closure.blockers(item, em);
      if (blockers.length) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          blockers.length === 1
            ? msg('supervision.cannot_close_yet', { first: blockers[0].message })
            : msg('supervision.cannot_close_yet_more', {
                first: blockers[0].message,
                count: blockers.length,
              }),
          { blockers },
        );
      }
      await this.closure.close(item, user, 'manual', source, em, emit);
    });
  }

  async detail(user: ScopedUser, itemId: string): Promise<ItemFlowDetail> {
    const base = await this.items.detail(user, itemId);
    const item = await this.dataSource.getRepository(PlanItem).findOneByOrFail({ id: itemId });
    const [departments, reports, extensions, indicatorEvidence, blockers, supervision] = await Promise.all([
      this.departmentFlows(itemId),
      this.reports.forItem(user, itemId),
      this.extensions.forItem(itemId),
      this.closure.compliance(item),
      this.closure.blockers(item, this.dataSource.manager),
      this.notices.timeline(user, itemId),
    ]);
    const today = this.clock.today();
    const closedOn = item.closedAt
      ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(item.closedAt)
      : null;
    return {
      ...base,
      originalDueOn: item.dueOn,
      effectiveDueOn: item.extendedDueOn ?? item.dueOn,
      overdueAgainstOriginal: item.dueOn !== null && !item.cancelledAt && (closedOn ?? today) > item.dueOn,
      closedAt: item.closedAt,
      closedByUserId: item.closedByUserId,
      departments,
      unacknowledged: departments
        .filter((d) => !d.acknowledged)
        .map((d) => ({ departmentId: d.departmentId, departmentName: d.departmentName, role: d.role })),
      reports,
      extensions,
      indicatorEvidence,
      closure: { ready: blockers.length === 0, blockers },
      supervision,
    };
  }

  private async departmentFlows(itemId: string): Promise<DepartmentFlowView[]> {
    const rows: Array<{
      assignmentId: string;
      departmentId: string;
      departmentName: string;
      role: AssignmentRole;
      acknowledgedAt: Date | null;
      acknowledgedByUserId: string | null;
      acknowledgedByName: string | null;
      reportId: string | null;
      state: ReportView['state'] | null;
      percent: number | null;
      period: string | null;
      submittedAt: Date | null;
    }> = await this.dataSource.query(
      `SELECT a.id AS "assignmentId", a.department_id AS "departmentId", d.name AS "departmentName", a.role,
              a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by_user_id AS "acknowledgedByUserId",
              u.name AS "acknowledgedByName", r.id AS "reportId", r.state, r.percent, r.period,
              r.submitted_at AS "submittedAt"
         FROM assignments a
         JOIN departments d ON d.id = a.department_id
         LEFT JOIN users u ON u.id = a.acknowledged_by_user_id
         LEFT JOIN LATERAL (SELECT id, state, percent, period, submitted_at FROM progress_reports
                             WHERE assignment_id = a.id ORDER BY submitted_at DESC, created_at DESC, id DESC LIMIT 1) r ON TRUE
        WHERE a.item_id = $1 AND a.removed_at IS NULL
        ORDER BY a.role, d.region_code, d.name`,
      [itemId],
    );
    return rows.map((r) => ({
      assignmentId: r.assignmentId,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      role: r.role,
      acknowledged: r.acknowledgedAt !== null,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: r.acknowledgedAt ? { id: r.acknowledgedByUserId, name: r.acknowledgedByName } : null,
      latestReport: r.reportId
        ? {
            id: r.reportId,
            state: r.state!,
            percent: r.percent!,
            period: r.period!,
            submittedAt: r.submittedAt!,
          }
        : null,
    }));
  }
}
